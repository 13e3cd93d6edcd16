using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;

namespace Wippy.Host.Tests.Native;

public sealed class CallTests : IDisposable
{
    private readonly WasmEngine _engine = new();
    private readonly WasmModule _module;
    private readonly WasmStore _store;
    private readonly WasmInstance _instance;

    public CallTests()
    {
        _module = WasmModule.FromText(_engine, Guests.Arithmetic);
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
    public void Add_i32()
    {
        WasmFunction add = Get("add");
        Assert.Equal(2, add.SlotCount);
        Span<ValueRaw> slots = [ValueRaw.FromI32(40), ValueRaw.FromI32(2)];
        add.CallUnchecked(slots);
        Assert.Equal(42, slots[0].I32);

        slots[0] = ValueRaw.FromI32(int.MaxValue);
        slots[1] = ValueRaw.FromI32(1);
        add.CallUnchecked(slots);
        Assert.Equal(int.MinValue, slots[0].I32);
    }

    [Fact]
    public void I64_f32_f64()
    {
        Span<ValueRaw> slots = [ValueRaw.FromI64(3_000_000_000), ValueRaw.FromI64(-3)];
        Get("mul64").CallUnchecked(slots);
        Assert.Equal(-9_000_000_000L, slots[0].I64);

        slots = [ValueRaw.FromF32(5f)];
        Get("half32").CallUnchecked(slots);
        Assert.Equal(2.5f, slots[0].F32);

        slots = [ValueRaw.FromF64(2.25)];
        Get("sqrt64").CallUnchecked(slots);
        Assert.Equal(1.5, slots[0].F64);
    }

    [Fact]
    public void Multi_value_results_share_the_buffer()
    {
        Span<ValueRaw> slots = [ValueRaw.FromI32(-5), ValueRaw.FromI64(long.MaxValue)];
        Get("swap").CallUnchecked(slots);
        Assert.Equal(long.MaxValue, slots[0].I64);
        Assert.Equal(-5, slots[1].I32);

        // No params, three results: the buffer is sized by the results.
        WasmFunction three = Get("three");
        Assert.Equal(3, three.SlotCount);
        slots = stackalloc ValueRaw[3];
        three.CallUnchecked(slots);
        Assert.Equal(7, slots[0].I32);
        Assert.Equal(-8L, slots[1].I64);
        Assert.Equal(9.25, slots[2].F64);
    }

    [Fact]
    public void No_params_no_results_accepts_an_empty_buffer()
    {
        WasmFunction nothing = Get("nothing");
        Assert.Equal(0, nothing.SlotCount);
        nothing.CallUnchecked([]);
    }

    [Fact]
    public void A_buffer_shorter_than_the_signature_is_rejected_before_the_call()
    {
        WasmFunction three = Get("three");
        var ex = Assert.Throws<ArgumentException>(() => three.CallUnchecked(new ValueRaw[2]));
        Assert.Contains("needs 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetFuncType_reads_the_signature_from_wasmtime()
    {
        Assert.Equal(new WasmFuncType([WasmValKind.I32, WasmValKind.I64], [WasmValKind.I64, WasmValKind.I32]), Get("swap").GetFuncType());
        Assert.Equal(new WasmFuncType([], []), Get("nothing").GetFuncType());
    }

    [Fact]
    public void Lookups_of_missing_or_non_function_exports_fail()
    {
        Assert.False(_instance.TryGetFunction("missing", out _));
        Assert.False(_instance.TryGetFunction("memory", out _));
        Assert.False(_instance.TryGetFunction("g", out _));
        Assert.False(_instance.TryGetMemory("add", out _));
        Assert.True(_instance.TryGetMemory("memory", out _));
    }

    [Fact]
    public void Default_function_and_disposed_store_throw()
    {
        Assert.Throws<InvalidOperationException>(() => default(WasmFunction).CallUnchecked([]));

        using var store = new WasmStore(_engine);
        Assert.True(WasmInstance.Instantiate(store, _module).TryGetFunction("add", out WasmFunction add));
        store.Dispose();
        Assert.Throws<ObjectDisposedException>(() => add.CallUnchecked(new ValueRaw[2]));
    }

    [Fact]
    public void A_million_calls_complete()
    {
        // Sanity check, not a timing: no leak, no crash, and no managed allocation on the success path.
        WasmFunction add = Get("add");
        Span<ValueRaw> slots = stackalloc ValueRaw[2];
        long before = GC.GetAllocatedBytesForCurrentThread();
        int sum = 0;
        for (int i = 0; i < 1_000_000; i++)
        {
            slots[0] = ValueRaw.FromI32(i);
            slots[1] = ValueRaw.FromI32(1);
            add.CallUnchecked(slots);
            sum += slots[0].I32 - i;
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1_000_000, sum);
        // Any allocation per call would be at least 24 MB here; a few KB can come from the runtime itself
        // (tiered JIT replacing this loop while it runs), so the bound is set well between the two.
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated by 1,000,000 calls");
    }

    private WasmFunction Get(string name)
    {
        Assert.True(_instance.TryGetFunction(name, out WasmFunction function), name);
        return function;
    }
}
