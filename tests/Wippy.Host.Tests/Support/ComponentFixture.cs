using Wippy.Host.Tests.Comp;

namespace Wippy.Host.Tests.Support;

/// <summary>One runtime over the test registry, with the generated proxy of the namespace <c>comp</c> (component entries).</summary>
public sealed class ComponentFixture : IDisposable
{
    public ComponentFixture()
    {
        Runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        Comp = new CompFunctions(Runtime);
    }

    public WippyRuntime Runtime { get; }

    /// <summary>The generated proxy of the registry namespace <c>comp</c>.</summary>
    public CompFunctions Comp { get; }

    public void Dispose() => Runtime.Dispose();
}
