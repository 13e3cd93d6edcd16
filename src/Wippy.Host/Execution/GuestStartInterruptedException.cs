using Wippy.Host.Native;

namespace Wippy.Host.Execution;

/// <summary>
/// An instantiation that the store's interrupt watch stopped: the guest's start-up code (a start function,
/// <c>_initialize</c>, a component's core start functions) ran past the entry's time limit, or the runtime stopped.
/// <see cref="PooledExecution{TInstance}"/> turns it into the call's error.
/// </summary>
internal sealed class GuestStartInterruptedException(WasmInterruptReason reason, TimeSpan? limit, Exception inner)
    : Exception("the guest's start-up was interrupted", inner)
{
    /// <summary>Why the watch stopped it.</summary>
    public WasmInterruptReason Reason { get; } = reason;

    /// <summary>The time limit it ran under, if any.</summary>
    public TimeSpan? Limit { get; } = limit;

    /// <summary>
    /// Rethrows <paramref name="e"/>, a failed instantiation, as this exception when the watch stopped it; otherwise
    /// returns and the caller rethrows the original.
    /// </summary>
    public static void ThrowIfInterrupted(WasmInterruptWatch? watch, Exception e)
    {
        if (e is WasmtimeException && watch is { Reason: not WasmInterruptReason.None } stopped)
        {
            throw new GuestStartInterruptedException(stopped.Reason, stopped.Limit, e);
        }
    }
}
