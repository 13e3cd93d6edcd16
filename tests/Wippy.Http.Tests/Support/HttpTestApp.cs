using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wippy.Host;
using Wippy.Host.Registry;

namespace Wippy.Http.Tests.Support;

/// <summary>
/// The test registry served the way <c>run</c> serves it: a generic host with <c>AddWippy</c>, the registry and
/// <c>AddWippyHttp</c>, its services listening on 127.0.0.1 at free ports; <see cref="Client"/> calls web:api, <see cref="ClientOf"/> another.
/// </summary>
internal sealed class HttpTestApp : IAsyncDisposable
{
    private readonly IHost _host;

    private HttpTestApp(IHost host, WippyHttpServer server)
    {
        _host = host;
        Server = server;
        // The tests' own registry serves its endpoints on web:api; another registry (the sample's) on its first service.
        var url = (server.Addresses.TryGetValue("web:api", out var api) ? api : server.Addresses.Values.First()).First();
        Client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public static string RepoRoot { get; } = typeof(HttpTestApp).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string RegistryRoot => Path.Combine(RepoRoot, "tests", "Wippy.Http.Tests", "registry");

    public HttpClient Client { get; }

    public WippyHttpServer Server { get; }

    public WippyRuntime Runtime => _host.Services.GetRequiredService<WippyRuntime>();

    /// <summary>A client of the service <paramref name="service"/> (another than web:api).</summary>
    public HttpClient ClientOf(string service) =>
        new() { BaseAddress = new Uri(Server.Addresses[service].First()), Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Starts the app; <paramref name="configure"/> adjusts the HTTP options, <paramref name="runtime"/> the runtime's.</summary>
    public static async Task<HttpTestApp> StartAsync(Action<WippyHttpOptions>? configure = null, Action<WippyRuntimeOptions>? runtime = null, RegistryManifest? manifest = null, string? registryRoot = null)
    {
        manifest ??= TestManifest.Create();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddWippy(o =>
        {
            o.RegistryRoot = registryRoot ?? RegistryRoot;
            // One compiled-code cache for the whole run: the 12.8 MB JavaScript component compiles once, not at every start.
            o.CacheDirectory = Path.Combine(Path.GetTempPath(), "wippy-http-tests-cache");
            runtime?.Invoke(o);
        });
        builder.Services.AddWippyRuntime(manifest);
        builder.Configuration["Wippy:Http:Address"] = "127.0.0.1:0"; // every service on a free port, as an operator would move them
        builder.Services.AddWippyHttp(configure);
        var host = builder.Build();
        await host.StartAsync();
        var server = host.Services.GetRequiredService<WippyHttpServer>();
        await server.Started.WaitAsync(TimeSpan.FromSeconds(60));
        return new HttpTestApp(host, server);
    }

    /// <summary>Stops the app as Ctrl+C would (the client stays usable: answers to requests in flight can still arrive).</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Client.Dispose();
    }
}
