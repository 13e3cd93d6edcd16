using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Wippy.Host.Registry;

namespace Wippy.Host.Cli;

/// <summary>
/// <c>run</c>: starts a generic host (<c>Host.CreateApplicationBuilder</c>: settings from appsettings.json, the
/// environment such as <c>Wippy__CacheDirectory</c>, console logging) with the registry and <c>AddWippy</c> (its hosted
/// service loads every entry; warm_start pools fill; idle instances are reaped), and serves until stopped by Ctrl+C,
/// SIGTERM or the caller's token. Stopping the host disposes the runtime: waiting callers fail with Unavailable,
/// running calls finish.
/// </summary>
internal static class ServeCommand
{
    public static int Run(RegistryManifest manifest, TextWriter stdout, TextWriter stderr, WippyRuntimeOptions options, CancellationToken stop)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        // The caller's choices (the app's registry root, a cache directory) are the lowest layer: configuration overrides them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                [Hosting.WippySettings.Section + ":RegistryRoot"] = options.RegistryRoot,
                [Hosting.WippySettings.Section + ":CacheDirectory"] = options.CacheDirectory ?? "",
            },
        });
        builder.Services.AddWippy(o =>
        {
            if (options.Policy is { } policy) o.Policy = policy;
        });
        builder.Services.AddWippyRuntime(manifest);
        using var host = builder.Build();
        host.Start();
        var loaded = Loading.EntryLoading.LoadAll(host.Services.GetRequiredService<WippyRuntime>());
        var failed = loaded.Where(l => !l.Loaded).ToList();
        foreach (var entry in failed) stderr.WriteLine(entry.Error);
        stdout.WriteLine($"Serving {loaded.Count - failed.Count} of {loaded.Count} functions. Press Ctrl+C to stop.");
        stdout.Flush();
        host.WaitForShutdownAsync(stop).GetAwaiter().GetResult();
        stdout.WriteLine("Stopping.");
        return 0;
    }
}
