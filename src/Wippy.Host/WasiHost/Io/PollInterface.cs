using System.Diagnostics;
using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Io;

/// <summary>
/// wasi:io/poll: the <c>pollable</c> resource (<c>ready</c>, <c>block</c>) and <c>poll</c>. Blocking waits within
/// the call's time limit and cancellation (<see cref="HostWaits"/>): a guest that sleeps past its limit fails with
/// Timeout instead of holding its thread.
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
        ["[method]pollable.block"] = (call, args, _) =>
        {
            var pollable = call.Borrow<Pollable>(args[0], PollableType);
            Block(call.State, [pollable]);
        },
        ["poll"] = Poll,
    });

    /// <summary>poll: func(in: list&lt;borrow&lt;pollable&gt;&gt;) -> list&lt;u32&gt;, the indexes of those ready (at least one).</summary>
    private static void Poll(HostCall call, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results)
    {
        var handles = args[0].AsList();
        if (handles.Length == 0) throw new HostResourceException("poll was given an empty list (it would wait forever)");
        var pollables = new Pollable[handles.Length];
        for (var i = 0; i < handles.Length; i++) pollables[i] = call.Borrow<Pollable>(handles[i], PollableType);
        var ready = Block(call.State, pollables);
        var list = ComponentVal.OwnedList(ready.Count);
        for (var i = 0; i < ready.Count; i++) ComponentVal.SetItem(ref list, i, ComponentVal.U32(ready[i]));
        results[0] = list;
    }

    /// <summary>Waits until at least one of <paramref name="pollables"/> is ready; returns the indexes of those that are.</summary>
    /// <exception cref="OperationCanceledException">The call's time limit passed or its caller cancelled.</exception>
    public static List<uint> Block(HostState state, ReadOnlySpan<Pollable> pollables)
    {
        var ready = new List<uint>();
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            var earliest = long.MaxValue;
            List<Task>? signals = null;
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
            if (ready.Count > 0) return ready;
            HostWaits.Wait(state, earliest, signals is null ? [] : signals.ToArray());
        }
    }
}
