using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Components;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.HostInterfaces;

/// <summary>
/// A host function that may have to wait (<c>pollable.block</c>, <c>input-stream.blocking-read</c>, an app's async
/// import), written once as steps: it does what it can at once, then either writes its results and returns null, or
/// returns a <see cref="HostWait"/>: the pollables to wait for and the step to run when one is ready. The same steps
/// serve both kinds of guest: for a guest on a fiber the wait suspends it and holds no thread
/// (<see cref="HostWait.ToComponentPending"/>); otherwise the thread blocks within the call's limits (<see cref="HostWait.RunBlocking"/>).
/// </summary>
/// <param name="call">The store's state and the resource helpers.</param>
/// <param name="args">The arguments, borrowed for this step only (a later step captures what it needs).</param>
/// <param name="results">The result slots.</param>
internal delegate HostWait? HostWaitingFunction(HostCall call, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results);

/// <summary>The step after a wait: writes the results and returns null, or returns the next wait.</summary>
/// <param name="call">The store's state and the resource helpers (a new <see cref="HostCall"/> for the same store and function).</param>
/// <param name="ready">The indexes of the pollables that are ready (at least one).</param>
/// <param name="results">The result slots.</param>
internal delegate HostWait? HostContinuation(HostCall call, List<uint> ready, Span<ComponentVal> results);

/// <summary>What a waiting host function waits for (any one of <see cref="Pollables"/>) and what it does then.</summary>
/// <param name="pollables">What it waits for; not empty.</param>
/// <param name="then">The next step.</param>
internal sealed class HostWait(Pollable[] pollables, HostContinuation then)
{
    /// <summary>A wait for one pollable.</summary>
    public HostWait(Pollable pollable, HostContinuation then) : this([pollable], then)
    {
    }

    /// <summary>The pollables; the wait ends when one is ready.</summary>
    public Pollable[] Pollables { get; } = pollables.Length > 0 ? pollables : throw new ArgumentException("a wait needs something to wait for", nameof(pollables));

    /// <summary>The next step.</summary>
    public HostContinuation Then { get; } = then;

    /// <summary>When a pollable may be ready by time alone (a clock's deadline; a <see cref="System.Diagnostics.Stopwatch"/> timestamp, <see cref="long.MaxValue"/>: none).</summary>
    public long WakeAt
    {
        get
        {
            var wakeAt = long.MaxValue;
            foreach (var pollable in Pollables) wakeAt = Math.Min(wakeAt, pollable.ReadyAt);
            return wakeAt;
        }
    }

    /// <summary>Completes with the indexes of the ready pollables when one is (<see cref="PollInterface.WhenReady"/>).</summary>
    public Task<List<uint>> WhenReady() => PollInterface.WhenReady(Pollables);

    /// <summary>Whether a pollable is ready now (one whose deadline passed may be, before <see cref="WhenReady"/>'s task completes).</summary>
    public bool IsReadyNow => PollInterface.ReadyNow(Pollables).Count > 0;

    /// <summary>The ready pollables' indexes for the next step: <paramref name="ready"/>'s, or those ready now.</summary>
    public List<uint> ReadyIndexes(Task<List<uint>> ready) => ready.IsCompleted ? ready.Result : PollInterface.ReadyNow(Pollables);

    /// <summary>
    /// Runs <paramref name="function"/> to its end on this thread: each wait blocks it (<see cref="PollInterface.Block"/>,
    /// which ends at the call's limit or cancellation with <see cref="OperationCanceledException"/>).
    /// </summary>
    public static void RunBlocking(HostWaitingFunction function, HostCall call, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results)
    {
        var wait = function(call, args, results);
        while (wait is not null)
        {
            var ready = PollInterface.Block(call.State, wait.Pollables);
            wait = wait.Then(call, ready, results);
        }
    }

    /// <summary>
    /// The wait as a suspension of a guest on a fiber (null for no wait): ready when one of the pollables is; its next
    /// step then runs with a new <see cref="HostCall"/> for the same store (the continuation's <c>context</c>) and
    /// function, guest misuse in it a trap as in the first step.
    /// </summary>
    public static ComponentPending? ToComponentPending(HostWait? wait, HostState state, string function)
    {
        if (wait is null) return null;
        var ready = wait.WhenReady();
        return new ComponentPending(
            ready,
            (context, results) =>
            {
                var indexes = wait.ReadyIndexes(ready);
                HostWait? next;
                try
                {
                    next = wait.Then(new HostCall(context, state, function), indexes, results);
                }
                catch (HostResourceException e)
                {
                    throw HostCall.Misuse(state, function, e);
                }
                return ToComponentPending(next, state, function);
            },
            wait.WakeAt,
            () => wait.IsReadyNow);
    }
}
