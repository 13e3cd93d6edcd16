using Wippy.Host.Tests.Resources;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Components;

/// <summary>
/// A component importing a resource the host would implement (tests/guests/components/tally: wippy:tally/store's
/// <c>tally</c>). C# implementations of imported resources are not generated yet: the component must still load (its
/// resource types are defined), and a call that reaches the resource fails with Unavailable naming the import.
/// </summary>
public sealed class ImportedResourceTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_component_importing_a_resource_loads_and_its_calls_name_the_missing_import()
    {
        var handle = _runtime.GetWasmFunction("resources:tally_run");
        Assert.True(handle.IsLoaded, handle.LoadError?.Message);
        var functions = new ResourcesFunctions(_runtime);
        var error = Assert.Throws<WippyException>(() => functions.TallyRun(1, 3));
        Assert.Equal((ErrorKind.Unavailable, "resources:tally_run"), (error.Kind, error.EntryId));
        Assert.Contains("the component called the import 'wippy:tally/store#[constructor]tally', which has no implementation", error.Message);
        // The entry serves on: the same again, not a broken instance.
        Assert.Equal(ErrorKind.Unavailable, Assert.Throws<WippyException>(() => functions.TallyRun(1, 3)).Kind);
    }
}
