using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Wippy.Host;
using Wippy.Host.Registry;
using Wippy.Host.Triggers;

namespace Wippy.Http;

/// <summary>
/// Serves the registry's <c>http.service</c> entries on Kestrel, each with its endpoints (and the default service on
/// <see cref="WippyHttpOptions.DefaultAddress"/> when endpoints name none), while the app runs: a trigger of the
/// runtime's hosted service (<c>services.AddWippyHttp()</c>), started once every entry has loaded and stopped first
/// when the app stops, letting the requests in flight finish (up to the host's shutdown timeout).
/// </summary>
public sealed class WippyHttpServer : IWippyTrigger
{
    private readonly WippyHttpOptions _options;
    private readonly ILoggerFactory? _loggers;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, IReadOnlyList<string>> _addresses = new(StringComparer.Ordinal);

    /// <summary>A server with <paramref name="options"/>, logging through <paramref name="loggers"/>.</summary>
    public WippyHttpServer(IOptions<WippyHttpOptions> options, ILoggerFactory? loggers = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _loggers = loggers;
    }

    /// <inheritdoc />
    public string Name => "http";

    /// <summary>Completes when every service listens (faults when one cannot).</summary>
    public Task Started => _started.Task;

    /// <summary>Where each service listens, by <c>http.service</c> id (<c>""</c>: the default service), once <see cref="Started"/>.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Addresses => _addresses;

    /// <inheritdoc />
    public async Task RunAsync(WippyRuntime runtime, CancellationToken stop)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var apps = new List<WebApplication>();
        try
        {
            foreach (var service in HttpRoute.Services(runtime.Manifest))
            {
                var app = Build(runtime, service);
                apps.Add(app);
                await app.StartAsync(stop).ConfigureAwait(false);
                var urls = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
                _addresses[service] = urls;
                _loggers?.CreateLogger<WippyHttpServer>().LogInformation("HTTP service {Service} listening on {Urls}", service.Length == 0 ? "(default)" : service, string.Join(", ", urls));
            }
            _started.TrySetResult();
            await Task.Delay(Timeout.Infinite, stop).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
        finally
        {
            _started.TrySetCanceled();
            foreach (var app in apps)
            {
                // Stops accepting connections and lets the requests in flight finish (the host's shutdown timeout).
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private WebApplication Build(WippyRuntime runtime, string service)
    {
        var address = _options.AddressOverrides.TryGetValue(service, out var overridden) ? overridden
            : _options.Address is { } everywhere ? everywhere
            : service.Length == 0 ? _options.DefaultAddress
            : ((HttpServiceDescriptor)runtime.Manifest.Find(service)!).Address;
        var listen = ListenAddress.Parse(address);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        if (_loggers is not null) builder.Services.AddSingleton(_loggers);
        // The app's own host already says it started and how to stop it; each service says where it listens (below).
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel => listen.ApplyTo(kestrel));
        var app = builder.Build();
        WippyHttpEndpoints.Map(app, runtime, _options, service);
        return app;
    }
}
