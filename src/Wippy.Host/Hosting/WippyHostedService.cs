using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Wippy.Host.Hosting;

/// <summary>
/// Starts the runtime with the host: creates it (warm_start pools fill), loads every function entry, and logs how many
/// loaded; the ones that did not are reported by <see cref="WippyHealthCheck"/>. Stopping the host waits for the
/// calls in flight to finish (<see cref="WippyRuntime.DrainAsync"/>), up to the host's shutdown timeout; then the
/// service provider disposes the runtime (callers still waiting for a worker fail with Unavailable).
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
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var inFlight = runtime.CallsInFlight;
        if (inFlight == 0) return;
        if (logger is not null) Observability.WippyLog.Draining(logger, inFlight);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var left = await runtime.DrainAsync(cancellationToken).ConfigureAwait(false);
        if (logger is null) return;
        if (left == 0) Observability.WippyLog.Drained(logger, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        else Observability.WippyLog.DrainTimedOut(logger, left);
    }
}
