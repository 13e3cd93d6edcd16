using Wippy.Host.Native;
using Wippy.Host.Tests.Limits;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>Wasmtime's pooling allocator, sized from the runtime's options, with a fallback when it cannot reserve.</summary>
public sealed class PoolingAllocatorTests
{
    [Fact]
    public void A_runtime_allocates_from_pools_sized_by_its_options()
    {
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions
        {
            RegistryRoot = RepoPaths.TestRegistry,
            CacheDirectory = null,
            PoolingAllocator = new WasmPoolingAllocator { TotalMemories = 16, TotalTables = 16, TotalCoreInstances = 16, TotalComponentInstances = 16, MaxMemoryBytes = 1 << 20 },
        });
        Assert.True(runtime.UsesPoolingAllocator);
        var limits = new LimitsFunctions(runtime);
        for (var i = 0; i < 20; i++) Assert.Equal(1, limits.GrowRecycled(0)); // memory slots are reused
        Assert.Equal(1, limits.GrowCapped(3));
        Assert.Equal(-1, limits.GrowCapped(20)); // past the pool's 1 MiB memory size
    }

    [Fact]
    public void When_the_pools_cannot_be_reserved_the_runtime_allocates_on_demand()
    {
        var tooLarge = new WasmPoolingAllocator { TotalMemories = 100_000, MaxMemoryBytes = 4UL << 30 }; // ~600 TB of address space
        Assert.False(tooLarge.CanReserve());
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions
        {
            RegistryRoot = RepoPaths.TestRegistry,
            CacheDirectory = null,
            PoolingAllocator = tooLarge,
        });
        Assert.False(runtime.UsesPoolingAllocator);
        Assert.Equal(1, new LimitsFunctions(runtime).GrowCapped(0));
    }

    /// <summary>
    /// Pages kept resident between instances (<see cref="WasmPoolingAllocator.MemoryKeepResidentBytes"/>, 1 MiB by
    /// default) are zeroed in place, and the module's data restored: a fresh instance in a reused slot never sees what
    /// the previous one wrote, inside the resident part or beyond it.
    /// </summary>
    [Theory]
    [InlineData(1UL << 20)]
    [InlineData(0UL)]
    public void A_fresh_instance_in_a_reused_slot_sees_none_of_the_last_ones_writes(ulong keepResident)
    {
        using var engine = new WasmEngine(new WasmEngineOptions
        {
            PoolingAllocator = new WasmPoolingAllocator { TotalMemories = 2, TotalTables = 2, TotalCoreInstances = 2, TotalComponentInstances = 2, MaxMemoryBytes = 4 << 20, MemoryKeepResidentBytes = keepResident },
        });
        // scribble(addr): returns the byte at addr, then writes 0x5a there. Memory: 3 pages of 64 KiB with "w" at 16;
        // 2 MiB (beyond the resident part) is reached after growing by 32 pages.
        using var module = WasmModule.FromText(engine, """
            (module
              (memory (export "memory") 3 64)
              (data (i32.const 16) "w")
              (func (export "scribble") (param $addr i32) (result i32)
                (local $old i32)
                (if (i32.ge_u (local.get $addr) (i32.mul (memory.size) (i32.const 65536)))
                  (then (drop (memory.grow (i32.const 32)))))
                (local.set $old (i32.load8_u (local.get $addr)))
                (i32.store8 (local.get $addr) (i32.const 0x5a))
                (local.get $old)))
            """);
        Span<GeneratedCode.ValueRaw> slots = stackalloc GeneratedCode.ValueRaw[1];
        foreach (var address in new[] { 16, 100, 70_000, 2 << 20 })
        {
            for (var round = 0; round < 3; round++)
            {
                using var instance = Execution.CoreInstance.Create(engine, module, "scribble", new Registry.LimitSettings(null, null, null));
                slots[0].I32 = address;
                instance.Export.CallUnchecked(slots);
                Assert.Equal(address == 16 ? 'w' : 0, slots[0].I32); // the data segment's byte, or zero: never 0x5a
            }
        }
    }
}
