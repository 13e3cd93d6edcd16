using Wippy.Host.Native;
using Wippy.Host.Tests.Support;
using Wippy.Samples.Registry.Myns;

namespace Wippy.Host.Tests.Loading;

/// <summary>
/// The sample app carries its modules compiled ahead of time (WippyPrecompile): a runtime with the default engine
/// settings uses that code and compiles nothing; one with other settings compiles and logs why.
/// </summary>
public sealed class PrecompiledTests : IDisposable
{
    private readonly TempDirectory _cache = new();

    public void Dispose() => _cache.Dispose();

    [Fact]
    public void The_default_engine_uses_the_precompiled_code_and_compiles_nothing()
    {
        using (var runtime = new WippyRuntime(Wippy.Samples.Registry.WippyRegistry.CreateManifest(),
                   new WippyRuntimeOptions { RegistryRoot = RepoPaths.SampleRegistry, CacheDirectory = _cache.Path }))
        {
            Assert.Equal(42, new MynsFunctions(runtime).Compute(6, 7));
            Assert.Equal(3, new MynsFunctions(runtime).TransformUsers([new UserRecord(1, "A", [], true), new UserRecord(2, "B", [], true), new UserRecord(3, "C", [], false)]).Length);
        }
        Assert.Empty(Directory.GetFiles(_cache.Path)); // nothing compiled, so nothing written to the cache
    }

    [Fact]
    public void An_engine_with_other_settings_compiles_and_logs_why()
    {
        var logs = new CapturedLogs();
        using (var runtime = new WippyRuntime(Wippy.Samples.Registry.WippyRegistry.CreateManifest(), new WippyRuntimeOptions
               {
                   RegistryRoot = RepoPaths.SampleRegistry,
                   CacheDirectory = _cache.Path,
                   LoggerFactory = logs,
                   PoolingAllocator = new WasmPoolingAllocator { TotalMemories = 16, TotalTables = 16, TotalCoreInstances = 16, TotalComponentInstances = 16, MaxMemoryBytes = 1 << 20 },
               }))
        {
            Assert.Equal(42, new MynsFunctions(runtime).Compute(6, 7));
        }
        Assert.NotEmpty(Directory.GetFiles(_cache.Path, "*-module-*.cwasm")); // compiled here
        Assert.Contains(logs.Events, e => e.Id == 7 && e.Message.Contains("compiled for other engine settings"));
    }
}
