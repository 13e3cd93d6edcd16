using Wippy.Host.Registry;

namespace Wippy.Http.Tests.Support;

/// <summary>The test registry's generated manifest, with its HTTP entries.</summary>
internal static class TestManifest
{
    /// <summary>
    /// The generated manifest plus the service <c>web:api</c>, the router <c>web:v1</c> (prefix <c>/v1</c>) and one
    /// <c>POST /v1/&lt;name&gt;</c> endpoint per transport function (<c>GET</c> for ping and spin).
    /// </summary>
    public static RegistryManifest Create()
    {
        var generated = WippyRegistry.CreateManifest();
        var http = new List<EntryDescriptor>
        {
            new HttpServiceDescriptor("web:api", "127.0.0.1:0", "registry/_index.yaml"),
            new HttpRouterDescriptor("web:v1", "/v1", "web:api", "registry/_index.yaml"),
        };
        foreach (var name in new[] { "greet", "bytes", "size", "boom", "bad_text", "plain" })
        {
            http.Add(new HttpEndpointDescriptor($"web:{name}_endpoint", "POST", "/" + name, "web:" + name, "web:v1", "registry/_index.yaml"));
        }
        http.Add(new HttpEndpointDescriptor("web:ping_endpoint", "GET", "/ping", "web:ping", "web:v1", "registry/_index.yaml"));
        http.Add(new HttpEndpointDescriptor("web:spin_endpoint", "GET", "/spin", "web:spin", "web:v1", "registry/_index.yaml"));
        http.Add(new HttpEndpointDescriptor("web:spin_long_endpoint", "GET", "/spin_long", "web:spin_long", "web:v1", "registry/_index.yaml"));
        http.Add(new HttpEndpointDescriptor("web:lua_hello_endpoint", "GET", "/hello/{name}", "web:lua_hello", "web:v1", "registry/_index.yaml"));
        http.Add(new HttpEndpointDescriptor("web:lua_echo_endpoint", "POST", "/echo", "web:lua_echo", "web:v1", "registry/_index.yaml"));
        http.Add(new HttpEndpointDescriptor("web:lua_inject_endpoint", "GET", "/inject", "web:lua_inject", "web:v1", "registry/_index.yaml"));
        http.Add(new HttpEndpointDescriptor("web:lua_raise_endpoint", "GET", "/raise", "web:lua_raise", "web:v1", "registry/_index.yaml"));
        return new RegistryManifest(generated.Entries.Concat(http)) { AppAssembly = generated.AppAssembly };
    }
}
