using System.Diagnostics;
using Wippy.Host.Native;

namespace Wippy.Host.HostInterfaces;

/// <summary>
/// Blocking inside a host function without escaping the call's limits. A host function that waits (a sleep, a poll, a
/// read from a stream) holds the guest's thread in C#, where the epoch ticks that stop running wasm cannot reach; so
/// every wait here also ends when the call's time limit passes or its caller cancels, and then fails the host
/// function, which ends the guest call with Timeout, Cancelled or Stopped (the watch's <see cref="WasmInterruptWatch.Reason"/>).
/// </summary>
internal static class HostWaits
{
    /// <summary>
    /// Waits until the <see cref="Stopwatch"/> timestamp <paramref name="until"/> (<see cref="long.MaxValue"/>: no
    /// time), until one of <paramref name="signals"/> completes, or until the call must stop, whichever comes first.
    /// Returns normally in the first two cases (the caller checks what is ready); may return early, never late.
    /// </summary>
    /// <exception cref="OperationCanceledException">The call's time limit passed or its caller cancelled.</exception>
    public static void Wait(HostState state, long until, ReadOnlySpan<Task> signals) => Wait(state.Watch, until, signals);

    /// <summary>
    /// Completes when <paramref name="task"/> completes or the call watched by <paramref name="watch"/> must stop,
    /// holding no thread meanwhile. The call's limit comes through the watch's per-call token
    /// (<see cref="WasmInterruptWatch.ImportToken"/>, cancelled from the deadline thread): no timer per wait.
    /// </summary>
    /// <exception cref="OperationCanceledException">The call's time limit passed or its caller cancelled.</exception>
    public static async ValueTask WaitForAsync(WasmInterruptWatch? watch, Task task)
    {
        while (!task.IsCompleted)
        {
            ThrowIfStopped(watch);
            var token = watch?.ImportToken() ?? CancellationToken.None;
            if (token.IsCancellationRequested)
            {
                await Task.Delay(1).ConfigureAwait(false); // the deadline fired a hair before the watch's own clock says so
                continue;
            }

            try
            {
                await task.WaitAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException || task.IsCompleted)
            {
                // checked above, or by whoever reads the task
            }
        }

        ThrowIfStopped(watch);
    }

    /// <summary>As <see cref="Wait(HostState, long, ReadOnlySpan{Task})"/>, for the call watched by <paramref name="watch"/> (null: no limits).</summary>
    /// <exception cref="OperationCanceledException">The call's time limit passed or its caller cancelled.</exception>
    public static void Wait(WasmInterruptWatch? watch, long until, ReadOnlySpan<Task> signals)
    {
        ThrowIfStopped(watch);
        var limitAt = watch?.LimitTimestamp ?? long.MaxValue;
        var end = Math.Min(until, limitAt);
        var timeout = Milliseconds(end);
        if (timeout != 0)
        {
            // Ends on the caller's cancellation and on the runtime stopping (a linked source only when both can fire).
            var caller = watch?.Token ?? CancellationToken.None;
            var stopping = watch?.Stopping ?? CancellationToken.None;
            using var linked = caller.CanBeCanceled && stopping.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller, stopping) : null;
            var token = linked?.Token ?? (caller.CanBeCanceled ? caller : stopping);
            if (signals.Length > 0)
            {
                try
                {
                    Task.WaitAny(signals.ToArray(), timeout, token);
                }
                catch (OperationCanceledException)
                {
                    // checked below
                }
            }
            else if (token.CanBeCanceled)
            {
                token.WaitHandle.WaitOne(timeout);
            }
            else
            {
                Thread.Sleep(timeout);
            }
        }
        ThrowIfStopped(watch);
    }

    /// <summary>Fails the host function when the call must stop.</summary>
    /// <exception cref="OperationCanceledException">The call's time limit passed or its caller cancelled.</exception>
    public static void ThrowIfStopped(WasmInterruptWatch? watch)
    {
        if (Stopped(watch) is { } stopped) throw stopped;
    }

    /// <summary>The exception that fails the host function when the call must stop; null when it need not.</summary>
    public static OperationCanceledException? Stopped(WasmInterruptWatch? watch) =>
        watch is not null && watch.ShouldStop()
            ? new OperationCanceledException(watch.Reason switch
            {
                WasmInterruptReason.Timeout => "the call's time limit passed while the guest waited in the host",
                WasmInterruptReason.Stopped => "the runtime stopped while the guest waited in the host",
                _ => "the call was cancelled while the guest waited in the host",
            })
            : null;

    /// <summary>Milliseconds from now to the timestamp <paramref name="end"/>, rounded up (so a wait never ends early by rounding); -1 for none.</summary>
    private static int Milliseconds(long end)
    {
        if (end == long.MaxValue) return Timeout.Infinite;
        var ticks = end - Stopwatch.GetTimestamp();
        if (ticks <= 0) return 0;
        var ms = Math.Ceiling(ticks * 1000.0 / Stopwatch.Frequency);
        return ms >= int.MaxValue - 1 ? int.MaxValue - 1 : (int)ms;
    }
}
