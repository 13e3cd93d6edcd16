using Wippy.Host.Registry;

namespace Wippy.Http.Tests.Support;

/// <summary>The test registry's generated manifest (registry/_index.yaml: the service web:api, the router web:v1, the endpoints).</summary>
internal static class TestManifest
{
    public static RegistryManifest Create() => WippyRegistry.CreateManifest();

    /// <summary>
    /// The manifest plus what the build refuses (WIPPY0055) and so can only be made by hand: an endpoint whose function
    /// has no wasi-http transport, <c>POST /v1/plain</c>.
    /// </summary>
    public static RegistryManifest WithPayloadEndpoint()
    {
        var generated = WippyRegistry.CreateManifest();
        var plain = new HttpEndpointDescriptor("web:plain_endpoint", "POST", "/plain", "web:plain", "web:v1", "registry/_index.yaml");
        return new RegistryManifest(generated.Entries.Append(plain)) { AppAssembly = generated.AppAssembly };
    }
}
