using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Wippy.Host.Native;

namespace Wippy.FiberSoundness;

/// <summary>
/// The scenarios. Each runs real guest code on Wasmtime's fibers with C# host functions called on the fiber's stack,
/// throws <see cref="SoundnessException"/> when something is wrong, and returns one line of what it measured.
/// </summary>
public static class FiberScenarios
{
    /// <summary>Every scenario by name, in the order the program runs them.</summary>
    public static IReadOnlyList<(string Name, Func<string, Task<string>> Run)> All { get; } =
    [
        ("suspensions", TenThousandSuspensionsAsync),
        ("thread-hops", PolledOnOneThreadThenOthersAsync),
        ("gc", CollectionsInsideCallbacksAsync),
        ("exceptions", ExceptionsInsideCallbacksAsync),
        ("recursion", RecursionToTheStackLimitAsync),
        ("dropped", FuturesDroppedMidWaitAsync),
        ("many", ManySuspendedAtOnceAsync),
        ("sleepers", TenThousandSleepersAsync),
    ];

    /// <summary>waits(10,000): each wait suspends the guest until a thread-pool task completes; polls resume on whichever thread that is.</summary>
    public static async Task<string> TenThousandSuspensionsAsync(string wasm)
    {
        var threads = new ConcurrentDictionary<int, bool>();
        using var guest = new FiberGuest(wasm,
            wait: id =>
            {
                threads.TryAdd(Environment.CurrentManagedThreadId, true);
                return (Task.Run(() => { }), () => id);
            },
            churn: n => n + 1);
        const uint N = 10_000;
        uint sum = await guest.CallAsync("waits", N).ConfigureAwait(false);
        Expect(sum == N * (N - 1) / 2, $"waits({N}) returned {sum}, expected {N * (N - 1) / 2}");
        return $"{N} suspensions and resumptions, polled on {threads.Count} threads, sum {sum}";
    }

    /// <summary>One call polled first on thread A, then (after each wait) on new threads B, C, D.</summary>
    public static async Task<string> PolledOnOneThreadThenOthersAsync(string wasm)
    {
        var waitThreads = new ConcurrentQueue<int>();
        var gates = new ConcurrentQueue<TaskCompletionSource>();
        using var guest = new FiberGuest(wasm,
            wait: id =>
            {
                waitThreads.Enqueue(Environment.CurrentManagedThreadId);
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                gates.Enqueue(gate);
                return (gate.Task, () => id * 10);
            },
            churn: n => n + 1);
        var (store, future) = await guest.StartAsync("waits", 3).ConfigureAwait(false);
        using (store)
        using (future)
        {
            bool done = false;
            for (int round = 0; !done; round++)
            {
                Expect(round <= 3, "the call did not complete after 3 waits");
                var thread = new Thread(() => done = future.Poll());
                thread.Start();
                thread.Join();
                if (!done)
                {
                    Expect(gates.TryDequeue(out var gate), "the guest did not wait on anything");
                    gate!.SetResult();
                }
            }

            uint result = FiberGuest.TakeU32(future);
            Expect(result == 30, $"waits(3) returned {result}, expected 30");
        }

        var ids = waitThreads.ToArray();
        Expect(ids.Length == 3 && ids.Distinct().Count() == 3, $"the waits ran on threads [{string.Join(", ", ids)}], expected 3 different ones");
        return $"one call polled on 4 threads in turn (waits ran on threads {string.Join(", ", ids)})";
    }

    /// <summary>
    /// churns(3,000) and waits(500) while two threads allocate: each churn keeps objects in its own frames (on the
    /// fiber's stack) across forced, compacting, blocking collections and checks them after; each wait collects on
    /// the thread that completes it, between polls.
    /// </summary>
    public static async Task<string> CollectionsInsideCallbacksAsync(string wasm)
    {
        using var stop = new CancellationTokenSource();
        var allocators = Enumerable.Range(0, 2).Select(_ => Task.Run(() => Allocate(stop.Token))).ToArray();
        var survivors = new List<byte[]>();
        int collections = 0;
        try
        {
            using var guest = new FiberGuest(wasm,
                wait: id => (Task.Run(() =>
                {
                    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                    Interlocked.Increment(ref collections);
                }), () => id),
                churn: n =>
                {
                    var local = Pattern((int)(n % 4096) + 1, (byte)n);
                    string text = "churn " + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    object boxed = n;
                    if (n % 10 == 0)
                    {
                        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                        Interlocked.Increment(ref collections);
                    }

                    for (int i = 0; i < 50; i++) _ = new byte[256 + i]; // garbage between the collection and the checks
                    Expect(IsPattern(local, (byte)n), $"churn({n}): a byte[] held by the callback's frame was damaged by a collection");
                    Expect(text == "churn " + n.ToString(System.Globalization.CultureInfo.InvariantCulture), $"churn({n}): a string held by the frame changed");
                    Expect(boxed is uint b && b == n, $"churn({n}): a boxed value held by the frame changed");
                    lock (survivors) survivors.Add(local);
                    return n + 1;
                });
            uint churned = await guest.CallAsync("churns", 3000).ConfigureAwait(false);
            Expect(churned == 3000u * 3001 / 2, $"churns(3000) returned {churned}");
            uint waited = await guest.CallAsync("waits", 500).ConfigureAwait(false);
            Expect(waited == 500u * 499 / 2, $"waits(500) returned {waited}");
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(allocators).ConfigureAwait(false);
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        for (int n = 0; n < survivors.Count; n++)
        {
            Expect(IsPattern(survivors[n], (byte)n), $"object {n} made on the fiber was damaged after the call");
        }

        return $"3,000 churns and 500 waits with {collections} forced compacting collections while 2 threads allocated; {survivors.Count} objects made on the fiber intact";
    }

    /// <summary>Exceptions thrown and caught inside callbacks (nested, filtered, from 500 C# frames deep); a callback that fails the call; a continuation that fails.</summary>
    public static async Task<string> ExceptionsInsideCallbacksAsync(string wasm)
    {
        int caught = 0;
        using (var guest = new FiberGuest(wasm,
            wait: id => (Task.CompletedTask, () => id),
            churn: n =>
            {
                try
                {
                    try
                    {
                        ThrowFromDepth(500, n);
                    }
                    catch (InvalidOperationException e) when (e.Data["n"] is uint m && m == n)
                    {
                        caught++;
                        throw new ArgumentException("rethrown " + n, e);
                    }
                    finally
                    {
                        caught++;
                    }
                }
                catch (ArgumentException e) when (e.InnerException is InvalidOperationException)
                {
                    caught++;
                }

                return n + 1;
            }))
        {
            uint sum = await guest.CallAsync("churns", 200).ConfigureAwait(false);
            Expect(sum == 200u * 201 / 2 && caught == 600, $"churns(200) returned {sum} with {caught} catches, expected {200u * 201 / 2} and 600");
        }

        // A host function that throws fails the call with its message; a fresh store then works.
        using (var guest = new FiberGuest(wasm,
            wait: id => (Task.CompletedTask, () => id),
            churn: n => n == 7 ? throw new InvalidOperationException("churn refuses 7") : n + 1))
        {
            var failure = await CatchAsync(() => guest.CallAsync("churns", 10)).ConfigureAwait(false);
            Expect(failure is WasmtimeException && failure.Message.Contains("churn refuses 7", StringComparison.Ordinal),
                $"a failing host function gave {Describe(failure)}");
            uint next = await guest.CallAsync("churns", 5).ConfigureAwait(false);
            Expect(next == 15, $"the next call returned {next}");
        }

        // A continuation that fails (after its wait) cannot return an error through Wasmtime: the future is deleted and the call fails with it inside.
        using (var guest = new FiberGuest(wasm,
            wait: id => (Task.Run(() => { }), () => id == 2 ? throw new InvalidOperationException("answer refused") : id),
            churn: n => n + 1))
        {
            var failure = await CatchAsync(() => guest.CallAsync("waits", 5)).ConfigureAwait(false);
            Expect(failure is WasmtimeException { InnerException: InvalidOperationException { Message: "answer refused" } }, $"a failing continuation gave {Describe(failure)}");
            uint next = await guest.CallAsync("waits", 2).ConfigureAwait(false);
            Expect(next == 1, $"the next call returned {next}");
        }

        return $"{caught} exceptions caught inside 200 callbacks; a failing host function and a failing continuation each failed only their call";
    }

    /// <summary>
    /// recurse(depth) with doubling depths until the guest overflows the wasm stack (a trap), then the 64 depths just
    /// below that: at the bottom of each, with the least stack left, a callback collects and throws, and a wait suspends.
    /// </summary>
    public static async Task<string> RecursionToTheStackLimitAsync(string wasm)
    {
        int churns = 0;
        using var guest = new FiberGuest(wasm,
            wait: id => (Task.Run(() => { }), () => id + 1),
            churn: n =>
            {
                churns++;
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
                try
                {
                    ThrowFromDepth(50, n);
                }
                catch (InvalidOperationException)
                {
                }

                return n + 1;
            });
        uint depth = 1024;
        uint lastGood = 0;
        WasmTrapException? overflow = null;
        while (overflow is null)
        {
            var failure = await CatchAsync(() => guest.CallAsync("recurse", depth)).ConfigureAwait(false);
            if (failure is WasmTrapException trap) overflow = trap;
            else if (failure is not null) throw new SoundnessException($"recurse({depth}) failed with {Describe(failure)}");
            else
            {
                lastGood = depth;
                depth *= 2;
            }

            Expect(depth < 1u << 28, "the guest never overflowed its stack");
        }

        Expect(overflow.Code == WasmTrapCode.StackOverflow, $"recurse({depth}) trapped with {overflow.Code}, expected StackOverflow");

        // Bisect to the deepest call that works, then run the 64 just below it.
        uint low = lastGood, high = depth;
        while (high - low > 1)
        {
            uint mid = low + (high - low) / 2;
            if (await CatchAsync(() => guest.CallAsync("recurse", mid)).ConfigureAwait(false) is null) low = mid;
            else high = mid;
        }

        for (uint d = low; d + 64 > low && d > 0; d--)
        {
            _ = await guest.CallAsync("recurse", d).ConfigureAwait(false);
        }

        var past = await CatchAsync(() => guest.CallAsync("recurse", high)).ConfigureAwait(false);
        Expect(past is WasmTrapException { Code: WasmTrapCode.StackOverflow }, $"recurse({high}) gave {Describe(past)}");
        return $"deepest recursion {low} frames; the 64 depths below it each collected, threw and suspended at the bottom ({churns} callbacks); {high} overflowed (StackOverflow trap)";
    }

    /// <summary>1,000 calls dropped while suspended (their fibers unwind), then a call that completes; memory growth reported.</summary>
    public static async Task<string> FuturesDroppedMidWaitAsync(string wasm)
    {
        var never = new TaskCompletionSource();
        using var guest = new FiberGuest(wasm, wait: id => (never.Task, () => id), churn: n => n + 1);
        long before = Rss();
        for (int i = 0; i < 1000; i++)
        {
            var (store, future) = await guest.StartAsync("waits", 1).ConfigureAwait(false);
            using (store)
            {
                Expect(!future.Poll() && future.Awaiting == never.Task, "the call did not suspend on its wait");
                future.Dispose();
            }
        }

        GC.Collect();
        long grown = Rss() - before;
        using var ok = new FiberGuest(wasm, wait: id => (Task.CompletedTask, () => id), churn: n => n + 1);
        uint sum = await ok.CallAsync("waits", 4).ConfigureAwait(false);
        Expect(sum == 6, $"a call after the drops returned {sum}");
        return $"1,000 suspended calls dropped; RSS grew {grown / 1024} KiB";
    }

    /// <summary>2,000 calls suspended at once (2,000 fibers alive), then resumed in reverse order from 4 threads.</summary>
    public static async Task<string> ManySuspendedAtOnceAsync(string wasm)
    {
        var gates = new ConcurrentDictionary<Task, TaskCompletionSource>();
        using var guest = new FiberGuest(wasm,
            wait: id =>
            {
                var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                gates[gate.Task] = gate;
                return (gate.Task, () => id + 1);
            },
            churn: n => n + 1);
        const int N = 2000;
        long before = Rss();
        var calls = new List<(Wippy.Host.Native.WasmStore Store, Wippy.Host.Native.Components.WasmCallFuture Future)>();
        for (uint i = 0; i < N; i++)
        {
            var call = await guest.StartAsync("recurse", i % 50).ConfigureAwait(false);
            Expect(!call.Future.Poll() && call.Future.Awaiting is { } awaiting, $"call {i} did not suspend");
            calls.Add(call);
        }

        long suspended = Rss() - before;
        int peakThreads = ThreadCount();
        var resumers = Enumerable.Range(0, 4).Select(t => Task.Run(async () =>
        {
            for (int i = N - 1 - t; i >= 0; i -= 4)
            {
                var (store, future) = calls[i];
                Expect(gates.TryRemove(future.Awaiting!, out var gate), $"call {i} waits on a task the scenario did not make");
                gate!.SetResult(); // what resumes the guest
                await Wippy.Host.Execution.FiberCalls.RunAsync(future, watch: null).ConfigureAwait(false);
                uint got = FiberGuest.TakeU32(future);
                uint expected = Expected((uint)(i % 50));
                Expect(got == expected, $"call {i}: recurse({i % 50}) returned {got}, expected {expected}");
                future.Dispose();
                store.Dispose();
            }
        })).ToArray();
        await Task.WhenAll(resumers).ConfigureAwait(false);
        return $"{N} calls suspended at once (RSS +{suspended / 1024 / N} KiB per suspended call, {peakThreads} threads), all resumed from 4 threads with the right results";

        static uint Expected(uint depth)
        {
            // churn(0) + wait(0) = 1 + 1 at the bottom, then (below ^ (below << 1)) + d on the way up (wrapping).
            uint value = 2;
            for (uint d = 1; d <= depth; d++) value = (value ^ (value << 1)) + d;
            return value;
        }
    }

    /// <summary>
    /// 10,000 calls of waits(1) at once, each wait a 1-second sleep (<see cref="Task.Delay(int)"/>): what the fiber
    /// mechanism costs when many guests wait together (wall time, OS threads at the peak, memory per sleeping call).
    /// Each call has its own store and instance, made on the thread pool.
    /// </summary>
    public static async Task<string> TenThousandSleepersAsync(string wasm)
    {
        const int N = 10_000;
        using var guest = new FiberGuest(wasm, wait: id => (Task.Delay(1000), () => id + 1), churn: n => n + 1);
        _ = await guest.CallAsync("waits", 1).ConfigureAwait(false); // compile and warm up outside the measurement
        long rssBefore = Rss();
        int peakThreads = ThreadCount();
        long peakRss = rssBefore;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var calls = new Task<uint>[N];
        for (int i = 0; i < N; i++) calls[i] = Task.Run(() => guest.CallAsync("waits", 1));
        var all = Task.WhenAll(calls);
        while (!all.IsCompleted)
        {
            peakThreads = Math.Max(peakThreads, ThreadCount());
            peakRss = Math.Max(peakRss, Rss());
            await Task.WhenAny(all, Task.Delay(20)).ConfigureAwait(false);
        }

        var results = await all.ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        Expect(results.All(r => r == 1), "a sleeping call returned the wrong value");
        return $"{N} concurrent calls sleeping 1 s each: all done in {elapsed.TotalSeconds:0.00} s, at most {peakThreads} OS threads, " +
            $"RSS at the peak +{(peakRss - rssBefore) / 1024 / N} KiB per call";
    }

    private static void ThrowFromDepth(int depth, uint n)
    {
        if (depth == 0)
        {
            var e = new InvalidOperationException("thrown deep in a callback");
            e.Data["n"] = n;
            throw e;
        }

        ThrowFromDepth(depth - 1, n);
        KeepFrame();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void KeepFrame()
    {
    }

    private static void Allocate(CancellationToken stop)
    {
        var keep = new List<object>();
        while (!stop.IsCancellationRequested)
        {
            keep.Add(new byte[1024]);
            keep.Add(new string('x', 100));
            if (keep.Count > 20_000) keep.Clear();
        }
    }

    private static byte[] Pattern(int length, byte seed)
    {
        var bytes = new byte[length];
        for (int i = 0; i < length; i++) bytes[i] = (byte)(seed + i * 7);
        return bytes;
    }

    private static bool IsPattern(byte[] bytes, byte seed)
    {
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)(seed + i * 7)) return false;
        }

        return true;
    }

    private static async Task<Exception?> CatchAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static string Describe(Exception? e) => e is null ? "no error" : $"{e.GetType().Name}: {e.Message}";

    private static void Expect(bool condition, string failure)
    {
        if (!condition) throw new SoundnessException(failure);
    }

    /// <summary>The process's resident set (bytes), from /proc/self/status.</summary>
    internal static long Rss() => StatusField("VmRSS:") * 1024;

    /// <summary>The process's OS threads, from /proc/self/status.</summary>
    internal static int ThreadCount() => (int)StatusField("Threads:");

    private static long StatusField(string name)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(name, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(name.Length).Trim().ToString().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }
}

/// <summary>A scenario found the runtime misbehaving.</summary>
public sealed class SoundnessException(string message) : Exception(message);
