using Wippy.Host.Tests.Abi;

namespace Wippy.Host.Tests.Support;

/// <summary>One runtime over the test registry (every function of the ABI guest), shared by a test class.</summary>
public sealed class AbiFixture : IDisposable
{
    public AbiFixture()
    {
        Runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        Abi = new AbiFunctions(Runtime);
    }

    public WippyRuntime Runtime { get; }

    /// <summary>The generated proxy of the registry namespace <c>abi</c>.</summary>
    public AbiFunctions Abi { get; }

    public void Dispose() => Runtime.Dispose();
}
