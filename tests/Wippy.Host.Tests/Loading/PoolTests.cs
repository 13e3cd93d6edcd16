using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Wippy.Host.Tests.Pools;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>
/// The four pool types under real concurrency. The guest (run.wasm) calls host.add, implemented by
/// <see cref="GateHost"/> so that it blocks until the test lets it go: while calls are held inside the guest, the
/// pool's busy/queued/idle counts and the number of calls running at once are exact.
/// </summary>
public sealed class PoolTests : IDisposable
{
    private readonly GateHost _host = new();
    private readonly CapturedLogs _logs = new();
    private WippyRuntime _runtime;
    private PoolsFunctions _pools;

    /// <summary>
    /// A runtime whose reaper never retires during a test: the tests that count idle instances after their calls see
    /// every instance the calls gave back, however late the machine lets them look.
    /// </summary>
    public PoolTests() => (_runtime, _pools) = Start(TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5));

    public void Dispose()
    {
        _host.Release(1000);
        _runtime.Dispose();
    }

    private (WippyRuntime, PoolsFunctions) Start(TimeSpan idleTimeout, TimeSpan reapInterval)
    {
        var services = new ServiceCollection().AddSingleton<IHost>(_host).BuildServiceProvider();
        var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions
        {
            RegistryRoot = RepoPaths.TestRegistry,
            Services = services,
            LoggerFactory = _logs,
            IdleTimeout = idleTimeout,
            ReapInterval = reapInterval,
        });
        return (runtime, new PoolsFunctions(runtime));
    }

    /// <summary>For the tests of retirement: a runtime whose reaper looks every 50 ms for instances idle for 100 ms.</summary>
    private void RetireAfter100Milliseconds()
    {
        _runtime.Dispose();
        (_runtime, _pools) = Start(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50));
    }

    /// <summary>How many instances of <paramref name="entry"/> the reaper retired, summed over its log events (one per pass that retired some).</summary>
    private int Retired(string entry) => _logs.Messages("Wippy.Host", 3)
        .Select(m => Regex.Match(m, "^Entry " + Regex.Escape(entry) + @": retired (\d+) idle instance\(s\), \d+ left$"))
        .Where(m => m.Success)
        .Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    private Task<int> Call(Func<int, int> call, int x) => Task.Factory.StartNew(() => call(x), TaskCreationOptions.LongRunning);

    [Fact]
    public async Task A_lazy_pool_runs_at_most_max_size_calls_and_queues_the_rest()
    {
        var handle = _runtime.GetFunction("pools:lazy2");
        var calls = Enumerable.Range(0, 5).Select(i => Call(_pools.Lazy2, i)).ToList();
        Eventually.True(() => handle.Busy == 2 && handle.Queued == 3 && Volatile.Read(ref _host.Entered) == 2, "2 calls in the guest and 3 queued");
        Thread.Sleep(50);
        Assert.Equal(2, Volatile.Read(ref _host.Entered)); // nobody else got in
        _host.Release(5);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => (i + 1) * 2), await Task.WhenAll(calls));
        Assert.Equal(2, _host.MaxRunning);
        Assert.Equal((0, 0), (handle.Busy, handle.Queued));
        Assert.Equal(2, handle.Idle); // it grew to two warm instances
    }

    [Fact]
    public async Task A_static_pool_with_a_full_queue_makes_callers_wait_in_order()
    {
        var handle = _runtime.GetFunction("pools:static1");
        var first = Call(_pools.Static1, 1);
        Eventually.True(() => handle.Busy == 1, "the first call running");
        var second = Call(_pools.Static1, 2);
        Eventually.True(() => handle.Queued == 1, "the second call queued");
        var third = Call(_pools.Static1, 3); // the queue (buffer 1) is full: this one waits for room
        Eventually.True(() => handle.WaitingForRoom == 1, "the third call waiting for room");
        Assert.Equal(1, handle.Queued);
        Assert.False(second.IsCompleted || third.IsCompleted);
        _host.Release(1);
        Assert.Equal(4, await first);
        Eventually.True(() => _host.Entered == 2, "the second call running");
        Eventually.True(() => handle.Queued == 1 && handle.WaitingForRoom == 0, "the third call moved into the queue");
        Assert.False(third.IsCompleted);
        _host.Release(2);
        Assert.Equal((6, 8), (await second, await third));
        Assert.Equal(1, _host.MaxRunning);
    }

    [Fact]
    public async Task Cancelling_a_queued_call_fails_it_and_leaves_the_others_alone()
    {
        var handle = _runtime.GetFunction("pools:static1");
        var running = Call(_pools.Static1, 1);
        Eventually.True(() => handle.Busy == 1, "the first call running");
        using var cancel = new CancellationTokenSource();
        var queued = _pools.Static1Async(2, cancel.Token).AsTask();
        Eventually.True(() => handle.Queued == 1, "one caller waiting");
        cancel.Cancel();
        var cancelled = await Assert.ThrowsAsync<OperationCanceledException>(() => queued);
        Assert.Equal(cancel.Token, cancelled.CancellationToken);
        var error = Assert.IsType<WippyException>(cancelled.InnerException);
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Contains("cancelled by its caller while it waited for a worker", error.Message);
        Assert.Equal(0, handle.Queued);
        _host.Release(1);
        Assert.Equal(4, await running);
        Assert.Equal(1, _host.Entered); // the cancelled call never reached the guest
    }

    [Fact]
    public async Task A_caller_waiting_for_room_can_cancel_and_shutdown_fails_the_rest()
    {
        var handle = _runtime.GetFunction("pools:static1");
        var running = Call(_pools.Static1, 1);
        Eventually.True(() => handle.Busy == 1, "the first call running");
        var queued = Call(_pools.Static1, 2);
        Eventually.True(() => handle.Queued == 1, "one caller queued");
        using var cancel = new CancellationTokenSource();
        var waitingForRoom = _pools.Static1Async(3, cancel.Token).AsTask();
        var alsoWaiting = _pools.Static1Async(4).AsTask();
        Eventually.True(() => handle.WaitingForRoom == 2, "two callers waiting for room");
        cancel.Cancel();
        Assert.Equal(cancel.Token, (await Assert.ThrowsAsync<OperationCanceledException>(() => waitingForRoom)).CancellationToken);
        Assert.Equal(1, handle.WaitingForRoom);
        var stopping = Task.Run(_runtime.Dispose);
        Assert.Equal(ErrorKind.Unavailable, (await Assert.ThrowsAsync<WippyException>(() => queued)).Kind);
        Assert.Equal(ErrorKind.Unavailable, (await Assert.ThrowsAsync<WippyException>(() => alsoWaiting)).Kind);
        _host.Release(1);
        // The running call is stopped too (its guest waits in the host; it ends when it returns): Unavailable.
        Assert.Contains("the runtime stopped while the call ran", (await Assert.ThrowsAsync<WippyException>(() => running)).Message);
        await stopping;
    }

    [Fact]
    public async Task An_adaptive_pool_grows_under_load_and_shrinks_to_one_when_idle()
    {
        RetireAfter100Milliseconds();
        var handle = _runtime.GetFunction("pools:adaptive3");
        Assert.Equal(0, handle.Idle);
        var calls = Enumerable.Range(0, 3).Select(i => Call(_pools.Adaptive3, i)).ToList();
        Eventually.True(() => handle.Busy == 3, "3 busy");
        _host.Release(3);
        await Task.WhenAll(calls);
        // The three were kept warm, then retired down to one. (Idle is not counted right after the calls: 100 ms
        // later the reaper may have begun, and a loaded machine can take that long to get here.)
        Eventually.Passes(() =>
        {
            Assert.Equal(1, handle.Idle);
            Assert.Equal(2, Retired("pools:adaptive3"));
        });
        // Adaptive keeps one warm: a pass that finds it long idle (what the reaper runs on every entry) retires nothing.
        Assert.Equal(0, handle.RetireIdle(TimeSpan.Zero));
        Assert.Equal(1, handle.Idle);
    }

    [Fact]
    public async Task A_lazy_pool_retires_all_its_idle_instances()
    {
        RetireAfter100Milliseconds();
        var handle = _runtime.GetFunction("pools:lazy2");
        var calls = Enumerable.Range(0, 2).Select(i => Call(_pools.Lazy2, i)).ToList();
        Eventually.True(() => handle.Busy == 2, "2 busy");
        _host.Release(2);
        await Task.WhenAll(calls);
        // Both were kept warm, then both retired (counted from the reaper's log, not right after the calls).
        Eventually.Passes(() =>
        {
            Assert.Equal(0, handle.Idle);
            Assert.Equal(2, Retired("pools:lazy2"));
        });
    }

    [Fact]
    public async Task Warm_start_instantiates_workers_before_the_first_call()
    {
        await _runtime.WarmStart.WaitAsync(Eventually.Deadline); // warm start runs in the background
        Assert.Equal(1, _runtime.GetFunction("pools:adaptive_warm").Idle);
        Assert.Equal(2, _runtime.GetFunction("pools:static_warm").Idle);
        Assert.Equal(0, _runtime.GetFunction("pools:adaptive3").Idle); // without warm_start: nothing yet
        Assert.Equal(0, _host.Entered);
    }

    [Fact]
    public async Task An_inline_pool_never_waits_and_keeps_nothing()
    {
        var handle = _runtime.GetFunction("pools:inline");
        var calls = Enumerable.Range(0, 4).Select(i => Call(_pools.Inline, i)).ToList();
        Eventually.True(() => _host.Entered == 4, "4 calls inside the guest");
        Assert.Equal(0, handle.Queued);
        _host.Release(4);
        await Task.WhenAll(calls);
        Assert.Equal(0, handle.Idle);
    }

    [Fact]
    public async Task Shutdown_fails_queued_calls_and_stops_the_running_one()
    {
        var handle = _runtime.GetFunction("pools:static1");
        var running = Call(_pools.Static1, 1);
        Eventually.True(() => handle.Busy == 1, "the first call running");
        var queued = Call(_pools.Static1, 2);
        Eventually.True(() => handle.Queued == 1, "one caller waiting");
        var stopping = Task.Run(_runtime.Dispose);
        var error = await Assert.ThrowsAsync<WippyException>(() => queued);
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("stopped while the call waited", error.Message);
        _host.Release(1);
        // The running call is stopped too (its guest waits in the host; it ends when it returns): Unavailable.
        Assert.Contains("the runtime stopped while the call ran", (await Assert.ThrowsAsync<WippyException>(() => running)).Message);
        await stopping;
        Assert.Equal(ErrorKind.Unavailable, Assert.Throws<WippyException>(() => _pools.Static1(3)).Kind);
    }

    [Fact]
    public async Task An_async_call_on_a_warm_instance_answers_to_its_callers_token()
    {
        var handle = _runtime.GetFunction("pools:lazy2");
        _host.Release(1);
        Assert.Equal(4, await _pools.Lazy2Async(1));
        Assert.Equal(1, handle.Idle);

        // Cancelled before it starts: it fails without touching the warm instance.
        var before = await Assert.ThrowsAsync<OperationCanceledException>(() => _pools.Lazy2Async(2, new CancellationToken(true)).AsTask());
        Assert.Contains("cancelled before it started", Assert.IsType<WippyException>(before.InnerException).Message);
        Assert.Equal((1, 1), (handle.Idle, _host.Entered));

        // Cancelled while it runs on the warm instance (an async call that finds one runs on the caller's thread).
        _host.StopsWithItsCall = true;
        using var cancel = new CancellationTokenSource();
        var running = Task.Run(() => _pools.Lazy2Async(3, cancel.Token).AsTask());
        Eventually.True(() => _host.Entered == 2 && handle.Idle == 0, "the call inside the guest on the warm instance");
        cancel.Cancel();
        var during = await Assert.ThrowsAsync<OperationCanceledException>(() => running.WaitAsync(Eventually.Deadline));
        Assert.Equal(cancel.Token, during.CancellationToken);
        var error = Assert.IsType<WippyException>(during.InnerException);
        Assert.Equal((ErrorKind.Timeout, "pools:lazy2"), (error.Kind, error.EntryId));
        Assert.Contains("cancelled by its caller while it ran", error.Message);

        // The next call, with a token nobody cancels, runs on a new instance.
        _host.Release(1);
        using var unused = new CancellationTokenSource();
        Assert.Equal(10, await _pools.Lazy2Async(4, unused.Token));
        Assert.Equal(1, handle.Idle);
    }

    [Fact]
    public void An_instance_whose_call_failed_is_replaced_not_kept()
    {
        var handle = _runtime.GetFunction("pools:lazy2");
        _host.Release(3);
        Assert.Equal(4, _pools.Lazy2(1));
        Assert.Equal(1, handle.Idle);
        _host.Fail = true;
        Assert.Contains("the import 'test:minimal/host#add' failed", Assert.Throws<WippyException>(() => _pools.Lazy2(1)).Message);
        Assert.Equal(0, handle.Idle); // the failed call's instance was dropped
        _host.Fail = false;
        Assert.Equal(4, _pools.Lazy2(1)); // on a fresh instance
        Assert.Equal(1, handle.Idle);
    }
}
