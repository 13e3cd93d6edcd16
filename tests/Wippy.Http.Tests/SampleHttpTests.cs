using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Cli;
using Wippy.Http.Tests.Support;

namespace Wippy.Http.Tests;

/// <summary>
/// The sample app's endpoints (samples/registry: the seed's POST /api/greet, the Lua GET /lua/hello/{name}, the
/// wasi:http component's /site pages), served as its run serves them.
/// </summary>
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
    public async Task The_wasi_http_component_answers_pages_and_streams_an_echo()
    {
        using var page = await _app.Client.GetAsync("/site/about?x=1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("Hello from a wasi:http component! You asked for GET /site/about?x=1\n", await page.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", page.Content.Headers.ContentType!.ToString());

        var body = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i},"));
        using var echo = await _app.Client.PostAsync("/site/echo", new StringContent(body, System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(body, await echo.Content.ReadAsStringAsync());
        Assert.Equal("text/csv; charset=utf-8", echo.Content.Headers.ContentType!.ToString());
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

/// <summary>The sample's own command line: <c>run</c> with <c>AddWippyHttp</c>, as its Program.cs calls it.</summary>
public sealed class SampleRunTests
{
    [Fact]
    public async Task Run_serves_the_endpoints_until_stopped_and_exits_0()
    {
        WippyHttpServer? server = null;
        using var stop = new CancellationTokenSource();
        var stdout = new StringWriter();
        var running = Task.Run(() => WippyApp.Run(["run"], Wippy.Samples.Registry.WippyRegistry.CreateManifest(), stdout, new StringWriter(),
            new Wippy.Host.WippyRuntimeOptions { RegistryRoot = Path.Combine(HttpTestApp.RepoRoot, "samples", "registry") }, stop.Token,
            services =>
            {
                services.AddWippyHttp(o => o.Address = "127.0.0.1:0"); // not the sample's 8080: tests run side by side
                // The same server, kept where the test can ask where it listens.
                services.AddSingleton(provider => server = new WippyHttpServer(
                    provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WippyHttpOptions>>()));
            }));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (server is null && !running.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.NotNull(server);
        await server.Started.WaitAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = new Uri(server.Addresses["myns:gateway"][0]) };
        using (var response = await client.PostAsync("/api/greet", new StringContent("Wippy")))
        {
            Assert.Equal("Hello, Wippy!", await response.Content.ReadAsStringAsync());
        }
        await stop.CancelAsync();
        Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Serving 17 of 17 functions.", stdout.ToString());
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/lua/hello/x")); // nothing listens any more
    }
}
