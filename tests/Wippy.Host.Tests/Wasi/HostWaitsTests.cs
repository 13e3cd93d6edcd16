using System.Diagnostics;
using Wippy.Host.HostInterfaces;
using Wippy.Host.Native;
using Wippy.Host.WasiHost.Clocks;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// Waiting inside a host function (<see cref="PollInterface.Block"/> over <see cref="HostWaits"/>): it ends when a
/// pollable is ready, by time or by an event, and when the call's limit passes or its caller cancels, with the watch
/// saying why. A real store and watch; no guest.
/// </summary>
public sealed class HostWaitsTests : IDisposable
{
    private readonly WasmEngine _engine = new(new WasmEngineOptions { EpochInterruption = true });
    private readonly WasmStore _store;
    private readonly WasmInterruptWatch _watch;
    private readonly HostState _state = new("test:waits");

    public HostWaitsTests()
    {
        _store = new WasmStore(_engine);
        _watch = WasmInterruptWatch.Attach(_store);
        _state.Watch = _watch;
    }

    public void Dispose()
    {
        _store.Dispose();
        _engine.Dispose();
    }

    private sealed class SignalledPollable(Task signal) : Pollable
    {
        public override bool IsReady(long now) => signal.IsCompleted;

        public override Task? Signal => signal;
    }

    [Fact]
    public void Block_returns_the_ones_ready_and_waits_for_the_first_timer()
    {
        _watch.Arm(null, CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        var ready = PollInterface.Block(_state, [new TimerPollable(MonotonicTime.FromNow(3_600_000_000_000)), new TimerPollable(MonotonicTime.FromNow(30_000_000))]);
        Assert.Equal([1u], ready);
        Assert.True(Stopwatch.GetElapsedTime(started).TotalMilliseconds >= 30);
        Assert.Equal([0u, 1u], PollInterface.Block(_state, [ReadyPollable.Instance, new TimerPollable(0)]));
    }

    [Fact]
    public void An_event_wakes_the_wait_before_any_timer()
    {
        _watch.Arm(null, CancellationToken.None);
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var setter = new Thread(() =>
        {
            Thread.Sleep(50);
            signal.SetResult();
        });
        setter.Start();
        var ready = PollInterface.Block(_state, [new TimerPollable(MonotonicTime.FromNow(3_600_000_000_000)), new SignalledPollable(signal.Task)]);
        setter.Join();
        Assert.Equal([1u], ready);
    }

    [Fact]
    public void The_calls_time_limit_ends_the_wait_and_says_so()
    {
        _watch.Arm(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        var started = Stopwatch.GetTimestamp();
        Assert.Throws<OperationCanceledException>(() => PollInterface.Block(_state, [new TimerPollable(MonotonicTime.FromNow(3_600_000_000_000))]));
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 99, 400);
        Assert.Equal(WasmInterruptReason.Timeout, _watch.Reason);
    }

    [Fact]
    public void The_callers_cancellation_ends_the_wait_and_says_so()
    {
        using var cancel = new CancellationTokenSource();
        _watch.Arm(null, cancel.Token);
        var signal = new TaskCompletionSource(); // never completes
        var canceller = new Thread(() =>
        {
            Thread.Sleep(50);
            cancel.Cancel();
        });
        canceller.Start();
        Assert.Throws<OperationCanceledException>(() => PollInterface.Block(_state, [new SignalledPollable(signal.Task)]));
        canceller.Join();
        Assert.Equal(WasmInterruptReason.Cancelled, _watch.Reason);
    }

    [Fact]
    public void A_call_already_past_its_limit_does_not_wait_at_all()
    {
        _watch.Arm(TimeSpan.FromMilliseconds(1), CancellationToken.None);
        Thread.Sleep(20);
        Assert.Throws<OperationCanceledException>(() => HostWaits.Wait(_state, long.MaxValue, []));
        Assert.Equal(WasmInterruptReason.Timeout, _watch.Reason);
    }
}
