namespace Wippy.Host.Native.Components;

// Driving a future to completion: polling, and between polls waiting for what the guest waits for.
internal sealed partial class WasmCallFuture
{
    /// <summary>
    /// Polls to completion on this thread, blocking it while the guest waits (the synchronous way to call a guest
    /// that imports async host functions). Then throws what the call ended with, if anything.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> fired while the guest waited: the future is deleted (the guest unwound).</exception>
    public void Run(CancellationToken stop = default)
    {
        while (!Poll())
        {
            if (Fault is { } fault) throw Abandon(fault);
            if (Awaiting is { } task && !task.IsCompleted)
            {
                try
                {
                    var wait = AwaitingWakeAt == long.MaxValue ? Timeout.InfiniteTimeSpan : System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), AwaitingWakeAt);
                    if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
                    task.Wait(wait, stop);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    Dispose();
                    throw;
                }
                catch (AggregateException)
                {
                    // the continuation reads the task's outcome
                }
            }
        }

        ThrowIfFailed();
    }

    /// <summary>
    /// Polls to completion without holding a thread while the guest waits: each poll after a wait runs on the thread
    /// that completed the awaited task (or a thread-pool thread). Then throws what the call ended with, if anything.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="stop"/> fired while the guest waited: the future is deleted (the guest unwound).</exception>
    public async ValueTask RunAsync(CancellationToken stop = default)
    {
        while (!Poll())
        {
            if (Fault is { } fault) throw Abandon(fault);
            if (Awaiting is { } task && !task.IsCompleted)
            {
                try
                {
                    await task.WaitAsync(stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    Dispose();
                    throw;
                }
                catch (Exception) when (task.IsCompleted)
                {
                    // the continuation reads the task's outcome
                }
            }
            else if (Awaiting is null)
            {
                await Task.Yield(); // the guest only yielded (an epoch or fuel yield): let others run first
            }
        }

        ThrowIfFailed();
    }

    /// <summary>Deletes the future (the guest unwinds) and returns the failure to throw.</summary>
    private Exception Abandon(Exception fault)
    {
        Dispose();
        return fault;
    }
}
