using System.Diagnostics;
using Wippy.Host.Tests.Clocks;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Async;

/// <summary>
/// The seed's sleep guest (tests/guests/components/clocks, <c>imports: [wasi:io, wasi:clocks]</c>) called through the
/// generated async proxies: it runs on a fiber, and while it sleeps it is suspended and holds no thread.
/// </summary>
[Collection(EndToEnd.NotInParallel.Name)]
public sealed class AsyncSleepTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
    private readonly ClocksFunctions _clocks;

    public AsyncSleepTests() => _clocks = new ClocksFunctions(_runtime);

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public async Task Two_hundred_sleeping_calls_hold_no_threads_and_all_finish_together()
    {
        await _clocks.SleepInlineAsync(1); // compiles and JITs outside the measurement
        const int Calls = 200;
        var threadsBefore = ProcessThreads.Count();
        var started = Stopwatch.GetTimestamp();
        var calls = Enumerable.Range(0, Calls).Select(_ => _clocks.SleepInlineAsync(1000).AsTask()).ToArray();
        var all = Task.WhenAll(calls);
        var peakThreads = threadsBefore;
        while (!all.IsCompleted && Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(60))
        {
            peakThreads = Math.Max(peakThreads, ProcessThreads.Count());
            await Task.WhenAny(all, Task.Delay(10));
        }

        var slept = await all;
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.All(slept, ms => Assert.InRange(ms, 1000UL, 60_000UL));
        // Holding a thread each, 200 one-second sleeps would take far longer on 2 cores (the thread pool adds a thread
        // or two a second when starved); suspended on fibers they all end about a second after they start.
        Assert.True(elapsed < TimeSpan.FromSeconds(15), $"200 concurrent 1 s sleeps took {elapsed.TotalSeconds:0.0} s");
        Assert.True(peakThreads - threadsBefore < 50, $"threads grew from {threadsBefore} to {peakThreads}");
    }

    [Fact]
    public async Task Many_async_callers_share_two_workers_one_call_per_instance_at_a_time()
    {
        var calls = Enumerable.Range(0, 64).Select(async i =>
        {
            for (var round = 0; round < 5; round++)
            {
                Assert.InRange(await _clocks.SleepTwoWorkersAsync((uint)(i % 3)), (ulong)(i % 3), 10_000UL);
            }
        });
        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task The_time_limit_ends_an_awaited_sleep_with_Timeout_and_the_entry_keeps_serving()
    {
        await _clocks.SleepLimitedAsync(1);
        var started = Stopwatch.GetTimestamp();
        var error = await Assert.ThrowsAsync<WippyException>(async () => await _clocks.SleepLimitedAsync(5000));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal("clocks:sleep_limited", error.EntryId);
        Assert.Contains("its limit of 100 ms (limits.max_execution_ms)", error.Message);
        Assert.InRange(elapsed.TotalMilliseconds, 100, 2000);
        Assert.InRange(await _clocks.SleepLimitedAsync(1), 1UL, 99UL);
    }

    [Fact]
    public async Task Cancelling_an_awaited_sleep_ends_it_at_once_and_the_entry_keeps_serving()
    {
        await _clocks.SleepAsync(1);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var started = Stopwatch.GetTimestamp();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await _clocks.SleepAsync(10_000, cancel.Token));
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 90, 5000);
        Assert.InRange(await _clocks.SleepAsync(5), 5UL, 5000UL);
    }

    [Fact]
    public async Task A_failed_awaited_call_leaves_the_entry_serving()
    {
        // block-dropped blocks on a pollable it dropped: the host refuses the dead handle (a Trap, as when called synchronously).
        var error = await Assert.ThrowsAsync<WippyException>(async () => await _clocks.BlockDroppedAsync());
        Assert.Equal((ErrorKind.Trap, "clocks:block_dropped"), (error.Kind, error.EntryId));
        Assert.Contains("is not a live wasi:io/poll/pollable", error.Message);
        Assert.Equal(1u, await _clocks.ReadyCheckAsync());
        Assert.InRange(await _clocks.SleepAsync(2), 2UL, 5000UL);
    }

    [Fact]
    public async Task CallJsonAsync_awaits_a_sleeping_guest_and_its_token_cancels_it()
    {
        var sleep = _runtime.GetFunction("clocks:sleep_inline");
        Assert.InRange(ulong.Parse(await CallJsonAsync(sleep, "1"), System.Globalization.CultureInfo.InvariantCulture), 1UL, 60_000UL);
        var started = Stopwatch.GetTimestamp();
        var calls = Enumerable.Range(0, 100).Select(_ => CallJsonAsync(sleep, "1000")).ToArray();
        foreach (var measured in await Task.WhenAll(calls)) Assert.InRange(ulong.Parse(measured, System.Globalization.CultureInfo.InvariantCulture), 1000UL, 60_000UL);
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(10), "100 awaited JSON calls sleeping 1 s did not end together");

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var cancelled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => CallJsonAsync(sleep, "60000", cancel.Token));
        Assert.Equal(ErrorKind.Timeout, Assert.IsType<WippyException>(cancelled.InnerException).Kind);
        var invalid = await Assert.ThrowsAsync<WippyException>(() => CallJsonAsync(sleep, "\"soon\""));
        Assert.Equal(ErrorKind.Invalid, invalid.Kind);
        Assert.Equal("clocks:sleep_inline", invalid.EntryId);
    }

    [Fact]
    public void CallJsonAsync_of_a_guest_that_cannot_wait_completes_before_it_returns()
    {
        using var buffer = new MemoryStream();
        using var writer = new System.Text.Json.Utf8JsonWriter(buffer);
        using var args = System.Text.Json.JsonDocument.Parse("[-5]");
        var call = _runtime.GetFunction("abi:echo_s32").CallJsonAsync(args.RootElement.EnumerateArray().ToArray(), writer);
        Assert.True(call.IsCompletedSuccessfully); // a core module: the synchronous path, done before the task is returned
        writer.Flush();
        Assert.Equal("-5", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static async Task<string> CallJsonAsync(FunctionHandle function, string argument, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        using var document = System.Text.Json.JsonDocument.Parse(argument);
        await using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            await function.CallJsonAsync(new[] { document.RootElement }, writer, cancellationToken);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    [Fact]
    public async Task Disposing_the_runtime_ends_suspended_calls_with_Unavailable()
    {
        var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        var clocks = new ClocksFunctions(runtime);
        var handle = runtime.GetFunction("clocks:sleep_inline");
        var asleep = Enumerable.Range(0, 20).Select(_ => clocks.SleepInlineAsync(60_000).AsTask()).ToArray();
        var blocked = Task.Factory.StartNew(() => clocks.SleepInline(60_000), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Eventually.TrueAsync(() => handle.Busy == 21, "21 calls asleep");
        var started = Stopwatch.GetTimestamp();
        runtime.Dispose();
        foreach (var call in asleep.Append(blocked))
        {
            var error = await Assert.ThrowsAsync<WippyException>(() => call);
            Assert.Equal(ErrorKind.Unavailable, error.Kind);
            Assert.Equal("clocks:sleep_inline", error.EntryId);
        }
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalSeconds, 0, 10);
        Assert.Equal(0, handle.Busy);
    }

    [Fact]
    public async Task Instances_past_the_live_store_limit_are_refused_with_Unavailable_and_the_process_goes_on()
    {
        // Linux aborts a process past vm.max_map_count mappings (Wasmtime panics in munmap): the runtime refuses
        // instances past its limit instead. Here the limit leaves room for 5 more than the registry's warm-start
        // instances, so the sixth sleeper is refused.
        var (runtime, warm) = await WarmStores.RuntimeWithRoomForAsync(5);
        using var _ = runtime;
        Assert.Equal(warm, runtime.Engine.LiveStores);
        var clocks = new ClocksFunctions(runtime);
        var handle = runtime.GetFunction("clocks:sleep_inline");
        var asleep = Enumerable.Range(0, 5).Select(_ => clocks.SleepInlineAsync(1000).AsTask()).ToArray();
        await Eventually.TrueAsync(() => handle.Busy == 5, "5 calls asleep");
        var refused = await Assert.ThrowsAsync<WippyException>(async () => await clocks.SleepInlineAsync(1));
        Assert.Equal(ErrorKind.Unavailable, refused.Kind);
        Assert.Equal("clocks:sleep_inline", refused.EntryId);
        Assert.Contains($"{warm + 5} instances are alive at once", refused.Message);
        Assert.Contains("vm.max_map_count", refused.Message);
        Assert.All(await Task.WhenAll(asleep), ms => Assert.InRange(ms, 1000UL, 60_000UL));
        Assert.InRange(await clocks.SleepInlineAsync(1), 1UL, 60_000UL); // room again once they ended
    }

    [Fact]
    public void An_engine_refuses_stores_past_its_limit_and_counts_disposed_ones_out()
    {
        using var engine = new Wippy.Host.Native.WasmEngine(new Wippy.Host.Native.WasmEngineOptions { MaxLiveStores = 2 });
        using var first = new Wippy.Host.Native.WasmStore(engine);
        var second = new Wippy.Host.Native.WasmStore(engine);
        var refused = Assert.Throws<Wippy.Host.Native.WasmStoreLimitException>(() => new Wippy.Host.Native.WasmStore(engine));
        Assert.Equal(2, refused.Limit);
        Assert.Equal(2, engine.LiveStores);
        second.Dispose();
        second.Dispose(); // counted out once
        Assert.Equal(1, engine.LiveStores);
        using var third = new Wippy.Host.Native.WasmStore(engine);
        Assert.Equal(2, engine.LiveStores);

        // The default: seven eighths of the kernel's limit on mappings, at 5 mappings per store (11,467 of 65,530).
        using var defaults = new Wippy.Host.Native.WasmEngine();
        var maps = int.Parse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((maps - maps / 8) / 5, defaults.MaxLiveStores);
    }
}
