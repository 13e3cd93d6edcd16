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
/// SIGTERM or the caller's token, then exits 0. With <c>--call &lt;id&gt; [json…]</c> it also makes that call (a
/// <see cref="Triggers.CommandLineCall"/> run as a serving trigger). The app's own services (<c>WippyApp.Run</c>'s
/// <c>configureServices</c>: the HTTP server, C# implementations of imports) are added to the host's. Stopping waits for the calls in flight up to the
/// host's shutdown timeout (<c>HostOptions.ShutdownTimeout</c>), stops those still running (they fail with
/// Unavailable), then disposes the runtime.
/// </summary>
internal static class ServeCommand
{
    public static int Run(RegistryManifest manifest, TextWriter stdout, TextWriter stderr, WippyRuntimeOptions options, CancellationToken stop, Action<IServiceCollection>? configureServices = null, string[]? call = null)
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
        configureServices?.Invoke(builder.Services);
        if (call is [var id, .. var args])
        {
            builder.Services.AddSingleton<Triggers.IWippyTrigger>(new Triggers.CommandLineCall(id, args, stdout, stderr, cancelWhenStopped: false));
        }
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
