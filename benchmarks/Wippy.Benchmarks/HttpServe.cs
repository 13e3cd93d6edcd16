using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wippy.Host;
using Wippy.Http;

namespace Wippy.Benchmarks;

/// <summary>
/// The server <c>benchmarks/http.sh</c> loads with wrk (<c>--http-serve 127.0.0.1:PORT</c>): one Kestrel, the sample
/// registry's endpoints mapped into it (<c>POST /api/greet</c>, the wasi-http transport over greet.wasm), and the
/// floor beside them: <c>POST /floor/greet</c>, a minimal-API endpoint doing the same greeting in C#.
/// </summary>
internal static class HttpServe
{
    /// <summary>Serves until killed; <paramref name="pooling"/> puts the runtime on Wasmtime's pooling allocator.</summary>
    public static int Run(string address, bool pooling)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://" + address);
        builder.Services.AddWippy(o =>
        {
            o.RegistryRoot = SampleRegistry.Root;
            if (pooling) o.PoolingAllocator = new WasmPoolingAllocator();
        });
        builder.Services.AddWippyRuntime(Wippy.Samples.Registry.WippyRegistry.CreateManifest());
        var app = builder.Build();
        app.MapPost("/floor/greet", Greet);
        app.MapWippyEndpoints();
        app.MapGet("/ready", () => "ready");
        app.Run();
        return 0;
    }

    /// <summary>"Hello, &lt;body&gt;!" as text, as greet.wasm answers through the transport.</summary>
    private static async Task Greet(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var name = await reader.ReadToEndAsync(http.RequestAborted);
        var body = Encoding.UTF8.GetBytes($"Hello, {name}!");
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }
}
