using System.Buffers.Binary;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;

namespace Wippy.Host.Tests.Native;

public sealed class MemoryTests : IDisposable
{
    private readonly WasmEngine _engine = new();
    private readonly WasmModule _module;
    private readonly WasmStore _store;
    private readonly WasmInstance _instance;

    public MemoryTests()
    {
        _module = WasmModule.FromText(_engine, Guests.Memory);
        _store = new WasmStore(_engine);
        _instance = WasmInstance.Instantiate(_store, _module);
    }

    public void Dispose()
    {
        _store.Dispose();
        _module.Dispose();
        _engine.Dispose();
    }

    [Fact]
    public unsafe void Host_writes_are_seen_by_the_guest_and_guest_writes_by_the_host()
    {
        Assert.True(_instance.TryGetMemory("memory", out WasmMemory memory));
        Assert.Equal((nuint)65536, memory.DataSize);
        Assert.Equal(1UL, memory.PageCount);
        Assert.True(memory.Data != null);

        BinaryPrimitives.WriteInt32LittleEndian(memory.GetSpan()[100..], 0x12345678);
        Span<ValueRaw> slots = [ValueRaw.FromI32(100)];
        Function("load").CallUnchecked(slots);
        Assert.Equal(0x12345678, slots[0].I32);

        slots = [ValueRaw.FromI32(65532), ValueRaw.FromI32(-2)];
        Function("store").CallUnchecked(slots);
        Assert.Equal(-2, BinaryPrimitives.ReadInt32LittleEndian(memory.GetSpan()[65532..]));
        Assert.Equal(-2, *(int*)(memory.Data + 65532));
    }

    [Fact]
    public void Guest_memory_grow_is_visible_after_refetching()
    {
        Assert.True(_instance.TryGetMemory("memory", out WasmMemory memory));
        Assert.Equal(65536, memory.GetSpan().Length);

        Span<ValueRaw> slots = [ValueRaw.FromI32(2)];
        Function("grow").CallUnchecked(slots);
        Assert.Equal(1, slots[0].I32); // previous size in pages

        // Re-fetch: the old span still has the old length.
        Span<byte> span = memory.GetSpan();
        Assert.Equal(3 * 65536, span.Length);
        Assert.Equal((nuint)(3 * 65536), memory.DataSize);
        BinaryPrimitives.WriteInt32LittleEndian(span[(2 * 65536)..], 77);
        slots = [ValueRaw.FromI32(2 * 65536)];
        Function("load").CallUnchecked(slots);
        Assert.Equal(77, slots[0].I32);

        // Past the declared maximum (4 pages) the guest sees -1.
        slots = [ValueRaw.FromI32(5)];
        Function("grow").CallUnchecked(slots);
        Assert.Equal(-1, slots[0].I32);
    }

    [Fact]
    public void Host_grow_is_seen_by_the_guest_and_overflow_throws()
    {
        Assert.True(_instance.TryGetMemory("memory", out WasmMemory memory));
        Assert.Equal(1UL, memory.Grow(1));
        Span<ValueRaw> slots = stackalloc ValueRaw[1];
        Function("size").CallUnchecked(slots);
        Assert.Equal(2, slots[0].I32);

        Assert.ThrowsAny<WasmtimeException>(() => memory.Grow(10));
        Assert.Equal(2UL, memory.PageCount);
    }

    [Fact]
    public void Two_memories_are_told_apart()
    {
        // Checks the copied wasmtime_memory_t carries its index: each export must report its own size.
        using WasmModule module = WasmModule.FromText(_engine, """
            (module
              (memory (export "a") 1)
              (memory (export "b") 3)
              (func (export "size_b") (result i32) memory.size 1))
            """);
        WasmInstance instance = WasmInstance.Instantiate(_store, module);
        Assert.True(instance.TryGetMemory("a", out WasmMemory a));
        Assert.True(instance.TryGetMemory("b", out WasmMemory b));
        Assert.Equal((nuint)65536, a.DataSize);
        Assert.Equal((nuint)(3 * 65536), b.DataSize);
    }

    [Fact]
    public void Default_memory_throws()
    {
        Assert.Throws<InvalidOperationException>(() => default(WasmMemory).GetSpan());
    }

    private WasmFunction Function(string name)
    {
        Assert.True(_instance.TryGetFunction(name, out WasmFunction function), name);
        return function;
    }
}
