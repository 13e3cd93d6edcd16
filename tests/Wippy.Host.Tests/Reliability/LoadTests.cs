using System.Diagnostics;
using Wippy.Host.Tests.EndToEnd;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// A static pool of 2 workers with a queue of 4 (<c>reliability:echo</c>) under 24 callers, each making hundreds of
/// calls with arguments no other call has: every caller gets exactly its own answers, in order, and the only calls
/// that do not return an answer fail with an error of the documented kind (docs/runtime.md#workers-pools: a caller
/// beyond a full queue waits for room; it fails only on its own cancellation, OperationCanceledException with the entry's Timeout error inside, or at shutdown, Unavailable).
/// The pool's own count of calls (<c>wippy.calls</c>) adds up to the calls made. Run alone
/// (<see cref="NotInParallel"/>): 24 callers take both cores, which timing-sensitive tests elsewhere would feel.
/// </summary>
/// <remarks>
/// The guest stores its argument in linear memory, spins, then answers what it reads back: if the pool ever gave one
/// instance to two calls at once, one of them would answer the other's argument.
/// </remarks>
[Collection(NotInParallel.Name)]
public sealed class LoadTests(ITestOutputHelper output)
{
    private const string Entry = "reliability:echo";

    /// <summary>12 callers per worker.</summary>
    private const int Callers = 24;

    private const int CallsEach = 250;

    /// <summary>Loop turns in the guest per call: about 0.2 ms, so callers really pile up behind the two workers.</summary>
    private const uint Spin = 150_000;

    /// <summary>An argument no other call of the test has: the caller in the high half, the call in the low half.</summary>
    private static ulong Argument(int caller, int call) => ((ulong)caller << 32) | (uint)call;

    private static IEnumerable<ulong> Arguments(int caller, int count) => Enumerable.Range(0, count).Select(call => Argument(caller, call));

    [Fact]
    public void Sync_callers_at_12_times_the_workers_each_get_exactly_their_own_answers()
    {
        using var metrics = new CapturedMetrics(Entry);
        using var runtime = metrics.Watch(() => Descriptors.Runtime(WippyRegistry.CreateManifest()));
        var guests = new ReliabilityFunctions(runtime);
        var handle = runtime.GetFunction(Entry);

        var started = Stopwatch.GetTimestamp();
        using var peaks = PoolPeaks.Watch(handle);
        var answers = ConcurrentCallers.Run(Callers, caller => Arguments(caller, CallsEach).Select(x => guests.Echo(x, Spin)).ToList());
        peaks.Stop();
        output.WriteLine($"{Callers} × {CallsEach} sync calls in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms; pool peaks: {peaks}");

        for (var caller = 0; caller < Callers; caller++) Assert.Equal(Arguments(caller, CallsEach), answers[caller]);
        Assert.Equal(Callers * CallsEach, metrics.Outcomes.Count);
        Assert.All(metrics.Outcomes, outcome => Assert.Equal("ok", outcome)); // a sync caller has no token: it waits, it is never refused
        Assert.Equal(2, peaks.Busy);
        Assert.Equal(4, peaks.Queued); // the queue filled, never past its buffer
        Assert.True(peaks.WaitingForRoom > 0, $"no caller was ever seen waiting for room in the full queue: {peaks}");
        Assert.Equal((0, 0, 0, 2), (handle.Busy, handle.Queued, handle.WaitingForRoom, handle.Idle));
    }

    [Fact]
    public async Task Async_callers_at_12_times_the_workers_get_their_own_answers_or_a_cancellation_and_the_counts_add_up()
    {
        using var metrics = new CapturedMetrics(Entry);
        using var runtime = metrics.Watch(() => Descriptors.Runtime(WippyRegistry.CreateManifest()));
        var guests = new ReliabilityFunctions(runtime);
        var handle = runtime.GetFunction(Entry);

        // Even callers wait as long as it takes. Odd ones will not wait: a call that did not get a worker at once is
        // cancelled there and then, so it is refused in the queue (or, when the grant races the cancellation, it
        // runs: answered, or cancelled while it runs when an epoch tick sees the token first).
        async Task<List<(ulong Argument, ulong? Answer, WippyException? Error)>> Caller(int caller)
        {
            var outcomes = new List<(ulong, ulong?, WippyException?)>();
            foreach (var x in Arguments(caller, CallsEach))
            {
                using var cancel = new CancellationTokenSource();
                try
                {
                    var pending = guests.EchoAsync(x, Spin, cancel.Token);
                    if (!pending.IsCompleted && caller % 2 == 1) await cancel.CancelAsync();
                    outcomes.Add((x, await pending, null));
                }
                catch (OperationCanceledException e) when (e.CancellationToken == cancel.Token && e.InnerException is WippyException inner)
                {
                    outcomes.Add((x, null, inner)); // the caller's own token: .NET's exception, the entry's Timeout inside
                }
            }
            return outcomes;
        }

        var started = Stopwatch.GetTimestamp();
        using var peaks = PoolPeaks.Watch(handle);
        var results = await ConcurrentCallers.Start(Callers, Caller);
        peaks.Stop();
        var all = results.SelectMany(r => r).ToList();
        var ok = all.Count(o => o.Error is null);
        var refused = all.Count(o => o.Error?.Detail == "the call was cancelled by its caller while it waited for a worker");
        var stoppedRunning = all.Count(o => o.Error?.Detail == "the call was cancelled by its caller while it ran");
        var before = all.Count(o => o.Error?.Detail == "the call was cancelled before it started");
        output.WriteLine($"{Callers} × {CallsEach} async calls in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms: {ok} answered, "
            + $"{refused} refused while waiting for a worker, {stoppedRunning} cancelled while running, {before} cancelled before they started; pool peaks: {peaks}");

        for (var caller = 0; caller < Callers; caller++)
        {
            Assert.Equal(Arguments(caller, CallsEach), results[caller].Select(o => o.Argument)); // one outcome per call, in order
            foreach (var (x, answer, error) in results[caller])
            {
                if (error is null)
                {
                    Assert.Equal(x, answer); // its own answer, never another call's
                    continue;
                }
                Assert.True(caller % 2 == 1, $"caller {caller} never cancels, yet its call failed: {error}");
                Assert.Equal(ErrorKind.Timeout, error.Kind);
                Assert.Equal(Entry, error.EntryId);
            }
        }
        Assert.Equal(all.Count, ok + refused + stoppedRunning + before); // no failure of another kind or message
        Assert.True(refused > 0, "no call was refused while it waited: the test did not oversubscribe the pool");
        // The pool's own count: each call counted once, with its outcome.
        Assert.Equal(Callers * CallsEach, metrics.Outcomes.Count);
        Assert.Equal(ok, metrics.Outcomes.Count(o => o == "ok"));
        Assert.Equal(all.Count - ok, metrics.Outcomes.Count(o => o == "timeout"));
        Assert.Equal(2, peaks.Busy);
        Assert.InRange(peaks.Queued, 1, 4);
        Assert.Equal((0, 0, 0), (handle.Busy, handle.Queued, handle.WaitingForRoom)); // no worker lost to a cancellation racing a grant
        Assert.Equal(7UL, await guests.EchoAsync(7, 0));
    }

    [Fact]
    public async Task Sync_callers_at_12_times_the_workers_when_the_runtime_is_disposed_get_their_answers_then_Unavailable()
    {
        // Each caller calls until it has failed 3 times (its calls after the first failure come after the stop), or
        // MaxCalls; the runtime is disposed once 1,500 calls have been answered.
        const int MaxCalls = 100_000;
        var runtime = Descriptors.Runtime(WippyRegistry.CreateManifest());
        var guests = new ReliabilityFunctions(runtime);
        var answered = 0;
        // Disposed from a thread of its own by the call that makes the count (a poller would be starved by 24 callers).
        var stopping = new TaskCompletionSource();
        void Stop() => new Thread(() =>
        {
            runtime.Dispose();
            stopping.SetResult();
        }).Start();

        var results = ConcurrentCallers.Run(Callers, caller =>
        {
            var outcomes = new List<(ulong Argument, ulong? Answer, WippyException? Error)>();
            for (var call = 0; call < MaxCalls && outcomes.Count(o => o.Error is not null) < 3; call++)
            {
                var x = Argument(caller, call);
                try
                {
                    outcomes.Add((x, guests.Echo(x, Spin), null));
                    if (Interlocked.Increment(ref answered) == Callers * CallsEach / 4) Stop();
                }
                catch (WippyException e)
                {
                    outcomes.Add((x, null, e));
                }
            }
            return outcomes;
        });
        await stopping.Task.WaitAsync(Eventually.Deadline);

        var all = results.SelectMany(r => r).ToList();
        var failures = all.Where(o => o.Error is not null).Select(o => o.Error!).ToList();
        output.WriteLine($"{all.Count} calls: {all.Count - failures.Count} answered, {failures.Count} failed: "
            + string.Join(", ", failures.GroupBy(e => e.Detail).Select(g => $"{g.Count()} '{g.Key}'")));
        for (var caller = 0; caller < Callers; caller++)
        {
            var outcomes = results[caller];
            Assert.Equal(Arguments(caller, outcomes.Count), outcomes.Select(o => o.Argument));
            var firstFailure = outcomes.FindIndex(o => o.Error is not null);
            Assert.True(firstFailure >= 0, $"caller {caller} made {MaxCalls} calls and none failed: the runtime was never disposed under it");
            Assert.All(outcomes.Take(firstFailure), o => Assert.Equal(o.Argument, o.Answer)); // its own answers, then…
            Assert.All(outcomes.Skip(firstFailure), o => Assert.NotNull(o.Error)); // …nothing answered after the stop
            Assert.Equal(firstFailure + 3, outcomes.Count);
        }
        Assert.All(failures, e =>
        {
            Assert.Equal(ErrorKind.Unavailable, e.Kind);
            Assert.Equal(Entry, e.EntryId);
            Assert.Contains(e.Detail, new[]
            {
                "the runtime stopped while the call waited for a worker",
                "the runtime stopped while the call ran",
                "the runtime serving this entry has been disposed",
            });
        });
        Assert.Equal(Volatile.Read(ref answered), all.Count - failures.Count);
    }
}
