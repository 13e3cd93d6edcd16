using Wippy.Host.Tests.Abi;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>What a caller sees around the runtime's lifetime and its registry.</summary>
public sealed class RuntimeLifetimeTests
{
    private static WippyRuntime NewRuntime() =>
        new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });

    [Fact]
    public void A_call_after_dispose_is_unavailable()
    {
        var runtime = NewRuntime();
        var abi = new AbiFunctions(runtime);
        Assert.Equal(1, abi.EchoS32(1));
        runtime.Dispose();
        var error = Assert.Throws<WippyException>(() => abi.EchoS32(1));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("abi:echo_s32", error.EntryId);
    }

    [Fact]
    public void An_unknown_id_is_not_found()
    {
        using var runtime = NewRuntime();
        var error = Assert.Throws<WippyException>(() => runtime.GetFunction("abi:nope"));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("abi:nope", error.EntryId);
    }

    [Fact]
    public void Load_all_reports_each_function_with_its_state()
    {
        using var runtime = NewRuntime();
        var loaded = runtime.LoadAll();
        Assert.Equal(runtime.Manifest.Entries.Count(e => e is Registry.FunctionDescriptor or Registry.LuaFunctionDescriptor), loaded.Count);
        // Made not to load: a mount without a directory (WasiComponentTests), a Lua source that does not compile and one
        // without its method (LuaTests).
        string[] broken = ["sandbox:mounts_nowhere", "luatest:broken", "luatest:no_such_method"];
        Assert.All(loaded.Where(l => !broken.Contains(l.Function.Id)), l => Assert.True(l.Function.IsLoaded, l.Function.Id + ": " + l.Function.LoadError?.Message));
        Assert.All(broken, id => Assert.False(loaded.Single(l => l.Function.Id == id).Function.IsLoaded));
    }

    [Fact]
    public void Concurrent_calls_each_get_their_own_instance()
    {
        using var runtime = NewRuntime();
        var abi = new AbiFunctions(runtime);
        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var s = "call " + i;
            Assert.Equal(s, abi.EchoString(s));
        });
    }
}
