using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wippy.Host.Triggers;

namespace Wippy.Host.Hosting;

/// <summary>
/// Starts the runtime with the host: creates it (warm_start pools fill in the background), loads every function entry, logs how many
/// loaded (the ones that did not are reported by <see cref="WippyHealthCheck"/>), then runs the app's serving triggers
/// (<see cref="IWippyTrigger"/> services). Stopping the host stops the triggers, then waits for the calls in flight to
/// finish (<see cref="WippyRuntime.DrainAsync"/>), up to the host's shutdown timeout; WebAssembly calls still running
/// then are stopped (they fail with Unavailable at the next epoch tick), the triggers get a few seconds to report them,
/// and the service provider disposes the runtime (callers still waiting for a worker fail with Unavailable).
/// </summary>
public sealed class WippyHostedService : IHostedService
{
    private readonly WippyRuntime _runtime;
    private readonly ILogger<WippyHostedService>? _logger;
    private readonly TriggerRunner _triggers;

    /// <summary>Creates the service for <paramref name="runtime"/> and the app's <paramref name="triggers"/>.</summary>
    public WippyHostedService(WippyRuntime runtime, IEnumerable<IWippyTrigger>? triggers = null, ILogger<WippyHostedService>? logger = null)
    {
        _runtime = runtime;
        _logger = logger;
        _triggers = new TriggerRunner(triggers ?? [], (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var loaded = Loading.EntryLoading.LoadAll(_runtime);
        var failed = loaded.Count(l => !l.Loaded);
        if (_logger is not null) Observability.WippyLog.Started(_logger, loaded.Count - failed, loaded.Count);
        _triggers.Start(_runtime);
        return Task.CompletedTask;
    }

    /// <summary>
    /// How long a stopping host waits, after it stopped the calls still running, for the triggers that made them to
    /// return (and so to report them): a stopped WebAssembly call ends at the next epoch tick.
    /// </summary>
    private static readonly TimeSpan TriggersAfterStop = TimeSpan.FromSeconds(5);

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var inFlight = _runtime.CallsInFlight;
        if (inFlight > 0 && _logger is not null) Observability.WippyLog.Draining(_logger, inFlight);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // Processes never end by themselves the way calls do: their mailboxes close now, and what still runs when the
        // shutdown timeout ends is ended.
        await _runtime.Processes.StopAllAsync(cancellationToken).ConfigureAwait(false);
        await _triggers.StopAsync(cancellationToken).ConfigureAwait(false); // a trigger returns once the calls it made have ended
        var left = await _runtime.DrainAsync(cancellationToken).ConfigureAwait(false);
        if (left == 0)
        {
            if (inFlight > 0 && _logger is not null) Observability.WippyLog.Drained(_logger, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return;
        }
        // The shutdown timeout is over: what still runs is stopped now, not left running.
        _runtime.StopRunningCalls();
        if (_logger is not null) Observability.WippyLog.DrainTimedOut(_logger, left);
        // Let the triggers report their stopped calls before the runtime is disposed and the process may exit.
        await _triggers.WaitAsync(TriggersAfterStop).ConfigureAwait(false);
    }
}
