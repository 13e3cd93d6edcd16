using System.Net;
using System.Text.Json;
using Wippy.Host.Cli;
using Wippy.Http.Tests.Support;

namespace Wippy.Http.Tests;

/// <summary>The sample app's endpoints (samples/registry: the seed's POST /api/greet, the Lua GET /lua/hello/{name}), served as its run serves them.</summary>
public sealed class SampleHttpTests : IAsyncLifetime
{
    private static string SampleRoot => Path.Combine(HttpTestApp.RepoRoot, "samples", "registry");

    private HttpTestApp _app = null!;

    public async Task InitializeAsync() =>
        _app = await HttpTestApp.StartAsync(manifest: Wippy.Samples.Registry.WippyRegistry.CreateManifest(), registryRoot: SampleRoot);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_seeds_greet_endpoint_answers_text()
    {
        Assert.Equal(["myns:gateway"], _app.Server.Addresses.Keys);
        using var response = await _app.Client.PostAsync("/api/greet", new StringContent("Wippy"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, Wippy!", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_lua_endpoint_answers_json()
    {
        using var json = JsonDocument.Parse(await _app.Client.GetStringAsync("/lua/hello/Ann?greeting=Hi"));
        Assert.Equal("Hi, Ann!", json.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public void The_command_line_cannot_call_the_transport_function()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = WippyApp.Run(["call", "myns:greet_wasm", "\"Wippy\""], Wippy.Samples.Registry.WippyRegistry.CreateManifest(), stdout, stderr,
            new Wippy.Host.WippyRuntimeOptions { RegistryRoot = SampleRoot });
        Assert.Equal(1, exit);
        Assert.StartsWith("Invalid: myns:greet_wasm: http request context not found", stderr.ToString());
    }
}
