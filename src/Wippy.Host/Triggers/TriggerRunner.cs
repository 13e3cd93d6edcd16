using Microsoft.Extensions.Logging;
using Wippy.Host.Observability;

namespace Wippy.Host.Triggers;

/// <summary>
/// Runs the app's serving triggers for the hosted service: each on the thread pool (a trigger that blocks cannot hold
/// up the host's start), a failure logged (event 15) without stopping the others, and all stopped together.
/// </summary>
internal sealed class TriggerRunner(IEnumerable<IWippyTrigger> triggers, ILogger logger)
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];

    /// <summary>Starts every trigger against <paramref name="runtime"/>.</summary>
    public void Start(WippyRuntime runtime)
    {
        foreach (var trigger in triggers)
        {
            WippyLog.TriggerStarted(logger, trigger.Name);
            _running.Add(Task.Run(() => Run(trigger, runtime)));
        }
    }

    private async Task Run(IWippyTrigger trigger, WippyRuntime runtime)
    {
        try
        {
            await trigger.RunAsync(runtime, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // stopped with the host
        }
        catch (Exception e)
        {
            WippyLog.TriggerFailed(logger, trigger.Name, e.Message, e);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for every trigger to return; true when they all did.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        if (_running.Count == 0) return true;
        try
        {
            await Task.WhenAll(_running).WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Cancels every trigger's stop token and waits for them to return, until <paramref name="cancellationToken"/> ends the wait.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_running.Count == 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the host's shutdown timeout: the calls still in flight are the drain's business
        }
    }
}
