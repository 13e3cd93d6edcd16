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
}
