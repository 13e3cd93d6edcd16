using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Wippy.Host.Hosting;

/// <summary>
/// Starts the runtime with the host: creates it (warm_start pools fill), loads every function entry, and logs how many
/// loaded; the ones that did not are reported by <see cref="WippyHealthCheck"/>. Stopping the host disposes the
/// runtime with the service provider (waiting callers fail with Unavailable, running calls finish).
/// </summary>
public sealed class WippyHostedService(WippyRuntime runtime, ILogger<WippyHostedService>? logger = null) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var loaded = Loading.EntryLoading.LoadAll(runtime);
        var failed = loaded.Count(l => !l.Loaded);
        if (logger is not null) Observability.WippyLog.Started(logger, loaded.Count - failed, loaded.Count);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
