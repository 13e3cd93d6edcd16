using System.Diagnostics;
using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Io;

/// <summary>
/// wasi:io/poll: the <c>pollable</c> resource (<c>ready</c>, <c>block</c>) and <c>poll</c>, and the waiting every
/// function that waits does (<see cref="HostWait"/>). For a guest on a fiber, <c>block</c> and <c>poll</c> suspend it
/// until a pollable is ready (<see cref="WhenReady"/>), holding no thread; the call's driver ends the wait at its time
/// limit or cancellation. Otherwise they block the thread (<see cref="Block"/>), within the same limits
/// (<see cref="HostWaits"/>): a guest that sleeps past its limit fails with Timeout either way.
/// </summary>
internal static class PollInterface
{
    /// <summary>The <c>pollable</c> resource type, shared by every interface that returns one.</summary>
    public static HostResourceType PollableType { get; } = new("wasi:io/poll", "pollable");

    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:io/poll", [PollableType], new Dictionary<string, HostFunction>
    {
        ["[method]pollable.ready"] = (call, args, results) =>
            results[0] = ComponentVal.Bool(call.Borrow<Pollable>(args[0], PollableType).IsReady(Stopwatch.GetTimestamp())),
    },
    new Dictionary<string, HostWaitingFunction>
    {
        ["[method]pollable.block"] = (call, args, _) => new HostWait(call.Borrow<Pollable>(args[0], PollableType), static (_, _, _) => null),
        ["poll"] = (call, args, _) => new HostWait(Borrowed(call, args[0]), static (_, ready, results) =>
        {
            results[0] = IndexList(ready);
            return null;
        }),
    });

    /// <summary>The pollables of poll's argument (a list of borrowed handles, not empty).</summary>
    private static Pollable[] Borrowed(HostCall call, in ComponentVal list)
    {
        var handles = list.AsList();
        if (handles.Length == 0) throw new HostResourceException("poll was given an empty list (it would wait forever)");
        var pollables = new Pollable[handles.Length];
        for (var i = 0; i < handles.Length; i++) pollables[i] = call.Borrow<Pollable>(handles[i], PollableType);
        return pollables;
    }

    /// <summary>poll's result: the indexes as a list&lt;u32&gt; Wasmtime takes over.</summary>
    private static ComponentVal IndexList(List<uint> ready)
    {
        var list = ComponentVal.OwnedList(ready.Count);
        for (var i = 0; i < ready.Count; i++) ComponentVal.SetItem(ref list, i, ComponentVal.U32(ready[i]));
        return list;
    }

    /// <summary>Waits until at least one of <paramref name="pollables"/> is ready; returns the indexes of those that are.</summary>
    /// <exception cref="OperationCanceledException">The call's time limit passed or its caller cancelled.</exception>
    public static List<uint> Block(HostState state, ReadOnlySpan<Pollable> pollables)
    {
        while (true)
        {
            var ready = ReadyNow(pollables, out var earliest, out var signals);
            if (ready.Count > 0) return ready;
            HostWaits.Wait(state, earliest, signals is null ? [] : signals.ToArray());
        }
    }

    /// <summary>
    /// Completes with the indexes of the pollables that are ready once at least one is, holding no thread meanwhile
    /// (a timer for the earliest time, the pollables' signals). Never completes when nothing can make one ready: the
    /// call's limit or cancellation ends such a wait.
    /// </summary>
    public static Task<List<uint>> WhenReady(Pollable[] pollables)
    {
        var ready = ReadyNow(pollables, out var earliest, out var signals);
        return ready.Count > 0 ? Task.FromResult(ready) : WaitUntilReady(pollables, earliest, signals);
    }

    private static async Task<List<uint>> WaitUntilReady(Pollable[] pollables, long earliest, List<Task>? signals)
    {
        while (true)
        {
            var wakers = signals ?? [];
            if (earliest != long.MaxValue) wakers.Add(Task.Delay(TimeUntil(earliest)));
            if (wakers.Count == 0) await new TaskCompletionSource().Task.ConfigureAwait(false); // nothing can wake it
            await Task.WhenAny(wakers).ConfigureAwait(false);
            var ready = ReadyNow(pollables, out earliest, out signals);
            if (ready.Count > 0) return ready;
        }
    }

    /// <summary>From now to the timestamp <paramref name="end"/>, rounded up to whole milliseconds (a timer's grain), so a wait never ends early by rounding.</summary>
    private static TimeSpan TimeUntil(long end)
    {
        var ticks = end - Stopwatch.GetTimestamp();
        if (ticks <= 0) return TimeSpan.Zero;
        var ms = Math.Ceiling(ticks * 1000.0 / Stopwatch.Frequency);
        return TimeSpan.FromMilliseconds(Math.Min(ms, int.MaxValue - 1));
    }

    /// <summary>The indexes of the pollables ready now (maybe none).</summary>
    public static List<uint> ReadyNow(ReadOnlySpan<Pollable> pollables) => ReadyNow(pollables, out _, out _);

    /// <summary>The indexes of the pollables ready now; otherwise when the earliest becomes ready by time, and the signals that may make one ready.</summary>
    private static List<uint> ReadyNow(ReadOnlySpan<Pollable> pollables, out long earliest, out List<Task>? signals)
    {
        var ready = new List<uint>();
        var now = Stopwatch.GetTimestamp();
        earliest = long.MaxValue;
        signals = null;
        for (var i = 0; i < pollables.Length; i++)
        {
            var pollable = pollables[i];
            if (pollable.IsReady(now))
            {
                ready.Add((uint)i);
                continue;
            }
            earliest = Math.Min(earliest, pollable.ReadyAt);
            if (pollable.Signal is { } signal) (signals ??= []).Add(signal);
        }
        return ready;
    }
}
