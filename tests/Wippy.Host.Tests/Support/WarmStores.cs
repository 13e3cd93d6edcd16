namespace Wippy.Host.Tests.Support;

/// <summary>The live stores the test registry's warm-start entries hold once warm: the base a live-store limit is set from.</summary>
internal static class WarmStores
{
    /// <summary>How many stores a runtime over the test registry holds once its warm start is done.</summary>
    public static async Task<int> CountAsync()
    {
        using var probe = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        await probe.WarmStart;
        return probe.Engine.LiveStores;
    }

    /// <summary>A runtime over the test registry with room for <paramref name="more"/> stores beyond its warm-start ones (warm already); <paramref name="warm"/> is that base.</summary>
    public static async Task<(WippyRuntime Runtime, int Warm)> RuntimeWithRoomForAsync(int more)
    {
        var warm = await CountAsync();
        var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, MaxLiveStores = warm + more });
        await runtime.WarmStart;
        return (runtime, warm);
    }
}
