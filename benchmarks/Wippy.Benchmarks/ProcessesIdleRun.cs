using System.Diagnostics;
using System.Globalization;
using Wasmtime.Components;
using Wippy.Benchmarks.Bench;
using Wippy.Host;
using Wippy.Host.Processes;

namespace Wippy.Benchmarks;

/// <summary>
/// <c>--processes-idle [N…]</c>: many idle processes at once, which BenchmarkDotNet cannot measure. For each N (default
/// 1,000 then 10,000), on a fresh runtime whose <c>bench:counter</c> entry is already loaded (one counter spawned, asked
/// and stopped before anything is read):
/// <list type="number">
/// <item>spawns N <c>bench:counter</c> processes from one thread through the generated <c>SpawnCounter</c>, then sends
/// each a "total" from one C# mailbox and waits for all N answers (so every process has run up to its <c>receive</c>,
/// answered, and waits in <c>receive</c> again); reported: the time for the N spawn calls to return, until all N were
/// running, and until all N had answered;</item>
/// <item>reads, after a full collection and malloc_trim, resident memory (VmRSS), threads, memory mappings, and the
/// mappings by kind (/proc/self/smaps), against the same reading before the spawns: per process = (after − before) / N;</item>
/// <item>a second "total" round on the N waiting processes (every answer checked: 0, nothing was incremented);</item>
/// <item>disposes the runtime (its processes' mailboxes close, each counter sees "closed" in receive and returns) and
/// reports how long that took, how the N processes ended, and the memory left after it.</item>
/// </list>
/// Floors, at the same N: N C# mailboxes (<c>ProcessMailbox</c>) each with a pending <c>ReceiveAsync</c> (the process
/// host's own part, no guest); and N stores, each with an instance of the same actor.wasm, through Wasmtime.Dotnet's
/// component API (the instance alone: Wasmtime.Dotnet has no async calls, so nothing runs and nothing waits).
/// </summary>
internal static class ProcessesIdleRun
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    public static int Run(IReadOnlyList<int> counts)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"vm.max_map_count = {ProcessMemory.MaxMapCount():N0}; processors = {Environment.ProcessorCount}; actor.wasm declares {DeclaredPages()} pages of linear memory ({DeclaredPages() * 64} KiB)"));
        var failed = false;
        foreach (var n in counts)
        {
            // Each process maps 5 areas (its linear memory: 3, its fiber stack: 2), and freed fiber stacks stay mapped for
            // reuse; near vm.max_map_count an mmap fails and the .NET runtime itself aborts ("Out of memory." or "Failed to
            // create RW mapping for RX memory"), seen at 13,000 with 65,530, below the runtime's own cap of live instances.
            // 2,000 mappings of headroom for the .NET runtime (GC regions, JIT'd code).
            var limit = ProcessMemory.MaxMapCount();
            if (limit > 0 && ProcessMemory.Mappings() + 5L * n + 2000 > limit)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"warning: {n:N0} processes need about {5L * n:N0} memory mappings besides the {ProcessMemory.Mappings():N0} in use, near or past vm.max_map_count ({limit:N0}): the process may abort"));
            }
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## N = {n:N0}"));
            Console.WriteLine();
            Console.WriteLine("| row | N | time to create | RSS after − before | per one | threads (before → after) | mappings (before → after) | .NET heap per one |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            FloorMailboxes(n);
            FloorWasmtimeInstances(n);
            failed |= !Processes(n);
        }
        return failed ? 1 : 0;
    }

    // ---- the processes ----

    private static bool Processes(int n)
    {
        var runtime = BenchRegistry.CreateRuntime();
        var bench = new BenchFunctions(runtime);
        // Load the entry and JIT the path outside the measurement: one counter, asked and stopped.
        using (var warm = runtime.Processes.OpenMailbox())
        {
            var first = bench.SpawnCounter();
            warm.Send(first.Pid, "total");
            warm.ReceiveAsync(Wait).AsTask().GetAwaiter().GetResult();
            warm.Send(first.Pid, "stop");
            first.Exit.WaitAsync(Wait).GetAwaiter().GetResult();
        }
        // One mailbox receives all N answers at once: room for N messages.
        using var me = runtime.Processes.OpenMailbox(new MailboxLimits(Capacity: n + 16, Bytes: Math.Max(8L << 20, (n + 16) * 1024L), MessageBytes: 1 << 20));
        var before = ProcessMemory.Settled();
        var smapsBefore = ProcessMemory.Smaps(); // after the collection, as the one after the spawns
        using var threads = new ThreadSampler();

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var counters = new ProcessHandle<Result<Unit, string>>[n];
        for (var i = 0; i < n; i++) counters[i] = bench.SpawnCounter();
        var returned = Stopwatch.GetElapsedTime(started);
        while (runtime.Processes.Count + counters.Count(c => c.Exit.IsCompleted) < n && Stopwatch.GetElapsedTime(started) < Wait) Thread.Sleep(1);
        var running = Stopwatch.GetElapsedTime(started);
        var refused = counters.Count(c => c.Exit.IsCompleted);
        if (refused > 0)
        {
            // Past the runtime's live-instance cap a spawn ends at once with Unavailable (the process goes on).
            var why = counters.First(c => c.Exit.IsCompleted).Exit.Result.Error?.Message;
            Console.WriteLine($"warning: {refused:N0} of {n:N0} processes ended at once: {why}");
        }
        var answered = Totals(me, counters, SendTotals(me, counters));
        var allAnswered = Stopwatch.GetElapsedTime(started);
        var spawnCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var spawnPeakThreads = threads.Peak;

        var after = ProcessMemory.Settled();
        var smapsAfter = ProcessMemory.Smaps();
        var alive = counters.Count(c => !c.Exit.IsCompleted);

        // A second round on the N waiting processes: each answers from receive.
        var round = Stopwatch.GetTimestamp();
        var answered2 = Totals(me, counters, SendTotals(me, counters));
        var roundTime = Stopwatch.GetElapsedTime(round);

        // Shutdown: the runtime's Dispose closes every mailbox; a counter in receive sees "closed" and returns ok.
        var stopping = Stopwatch.GetTimestamp();
        runtime.Dispose();
        var shutdown = Stopwatch.GetElapsedTime(stopping);
        var completed = counters.Count(c => c.Exit.IsCompleted);
        var returnedOk = counters.Count(c => c.Exit.IsCompletedSuccessfully && c.Exit.Result.Returned);
        var firstError = counters.Select(c => c.Exit.IsCompletedSuccessfully ? c.Exit.Result.Error : null).FirstOrDefault(e => e is not null);
        var left = ProcessMemory.Settled();

        PrintRow($"bench:counter processes waiting in receive (spawned, each asked one \"total\")", n, allAnswered, before, after);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- spawn: the {n:N0} SpawnCounter calls returned in {Ms(returned)}; all {n:N0} running (runtime.Processes.Count) after {Ms(running)}; all answered their first \"total\" after {Ms(allAnswered)} ({allAnswered.TotalMicroseconds / n:0.0} µs per process; CPU time of the whole .NET process meanwhile {Ms(spawnCpu)}, {spawnCpu.TotalMicroseconds / n:0.0} µs per process); most OS threads meanwhile {spawnPeakThreads}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- answers: first round {answered:N0}/{n:N0} (each \"0\", from its own PID); second round {answered2:N0}/{n:N0} in {Ms(roundTime)} ({roundTime.TotalMicroseconds / n:0.0} µs per process); alive at the reading {alive:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- virtual memory (VmSize) {Mib(before.Virtual)} → {Mib(after.Virtual)} MiB ({(after.Virtual - before.Virtual) / 1024.0 / 1024 / n:0.00} MiB per process, reserved, not resident); vm.max_map_count {ProcessMemory.MaxMapCount():N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- shutdown (runtime.Dispose): {Ms(shutdown)}; exits completed {completed:N0}/{n:N0}, returned ok {returnedOk:N0}{(firstError is null ? "" : $"; first error: {firstError.Message}")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- after shutdown: RSS {Mib(left.Resident)} MiB (before the spawns {Mib(before.Resident)}, with the processes {Mib(after.Resident)}); threads {left.Threads}; mappings {left.Mappings:N0}"));
        Console.WriteLine();
        PrintSmaps(smapsBefore, smapsAfter, n);
        return answered == n && answered2 == n && alive == n && completed == n;
    }

    /// <summary>Receives n answers to "total", each "0" and from one of the counters; how many came.</summary>
    /// <summary>Sends "total" to every counter still alive; returns how many were sent.</summary>
    private static int SendTotals(ProcessMailbox me, ProcessHandle<Result<Unit, string>>[] counters)
    {
        var sent = 0;
        foreach (var counter in counters)
        {
            if (me.TrySend(counter.Pid, "total") == SendOutcome.Accepted) sent++;
        }
        return sent;
    }

    private static int Totals(ProcessMailbox me, ProcessHandle<Result<Unit, string>>[] counters, int n)
    {
        var pids = new HashSet<string>(counters.Select(c => c.Pid), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var deadline = Stopwatch.GetTimestamp() + (long)(Wait.TotalSeconds * Stopwatch.Frequency);
        for (var i = 0; i < n; i++)
        {
            ProcessMessage reply;
            try
            {
                reply = me.ReceiveAsync(TimeSpan.FromSeconds(1)).AsTask().GetAwaiter().GetResult();
            }
            catch (WippyException e)
            {
                // A counter refused by the live-instance cap ends without answering: stop waiting once only those are left.
                var ended = counters.Count(c => c.Exit.IsCompleted && c.Exit.Result.Error is not null);
                if (i + ended < n && Stopwatch.GetTimestamp() < deadline)
                {
                    i--;
                    continue;
                }
                Console.WriteLine($"warning: {i:N0} answers came ({ended:N0} processes ended with an error), then: {e.Message}");
                return i;
            }
            if (reply.Topic != "total" || reply.Payloads.Count != 1 || reply.Payloads[0].AsText() != "0" || !pids.Contains(reply.From) || !seen.Add(reply.From))
            {
                throw new InvalidOperationException($"unexpected answer {reply} ({(reply.Payloads.Count > 0 ? reply.Payloads[0].AsText() : "")})");
            }
        }
        return n;
    }

    // ---- the floors ----

    /// <summary>N C# mailboxes, each with a ReceiveAsync waiting: the process host's part of a process, no guest.</summary>
    private static void FloorMailboxes(int n)
    {
        using var runtime = BenchRegistry.CreateRuntime();
        using (var warm = runtime.Processes.OpenMailbox())
        {
            try
            {
                warm.ReceiveAsync(TimeSpan.FromMilliseconds(1)).AsTask().GetAwaiter().GetResult();
            }
            catch (WippyException)
            {
                // Timeout: nothing was sent (this only warms the path)
            }
        }
        var before = ProcessMemory.Settled();
        var started = Stopwatch.GetTimestamp();
        var mailboxes = new ProcessMailbox[n];
        var receives = new Task<ProcessMessage>[n];
        for (var i = 0; i < n; i++)
        {
            mailboxes[i] = runtime.Processes.OpenMailbox();
            receives[i] = mailboxes[i].ReceiveAsync().AsTask();
        }
        var created = Stopwatch.GetElapsedTime(started);
        var after = ProcessMemory.Settled();
        PrintRow("floor: C# mailboxes, each with a pending ReceiveAsync (no guest)", n, created, before, after);
        foreach (var m in mailboxes) m.Dispose();
        Task.WhenAll(receives).ContinueWith(_ => { }).Wait(Wait);
        if (receives.Any(r => !r.IsFaulted)) throw new InvalidOperationException("a pending ReceiveAsync did not end with the mailbox");
    }

    /// <summary>N Wasmtime.Dotnet stores, each with an instance of actor.wasm (the instance alone; nothing runs).</summary>
    private static void FloorWasmtimeInstances(int n)
    {
        using var engine = new Wasmtime.Engine();
        using var component = Component.FromBytes(engine, BenchRegistry.ReadActorComponent());
        using var linker = new ComponentLinker(engine);
        using (var root = linker.Root())
        using (var process = root.AddInstance("wippy:actor/process@0.1.0"))
        {
            process.DefineFunction("receive", (_, results) => results[0] = ComponentValue.Err(ComponentValue.String("closed")));
            process.DefineFunction("send", (_, results) => results[0] = ComponentValue.Ok(ComponentValue.Bool(true)));
        }
        linker.DefineUnknownImportsAsTraps(component);
        using (var warm = new Wasmtime.Store(engine))
        {
            // counter() on a closed mailbox: returns ok at once (checks the instance works).
            var result = linker.Instantiate(warm, component).GetFunction("counter")!.Call();
            if (result is null || !result.IsOk) throw new InvalidOperationException("floor: counter() did not return ok");
        }
        var before = ProcessMemory.Settled();
        var started = Stopwatch.GetTimestamp();
        var stores = new Wasmtime.Store[n];
        var instances = new ComponentInstance[n];
        for (var i = 0; i < n; i++)
        {
            stores[i] = new Wasmtime.Store(engine);
            instances[i] = linker.Instantiate(stores[i], component);
        }
        var created = Stopwatch.GetElapsedTime(started);
        var after = ProcessMemory.Settled();
        PrintRow("floor: Wasmtime.Dotnet stores, each with an instance of actor.wasm (nothing running)", n, created, before, after);
        GC.KeepAlive(instances);
        foreach (var s in stores) s.Dispose();
    }

    // ---- output ----

    private static void PrintRow(string row, int n, TimeSpan time, ProcessMemory.Reading before, ProcessMemory.Reading after) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {row} | {n:N0} | {Ms(time)} | {Mib(after.Resident - before.Resident)} MiB | {(after.Resident - before.Resident) / 1024.0 / n:0.0} KiB | {before.Threads} → {after.Threads} | {before.Mappings:N0} → {after.Mappings:N0} ({(after.Mappings - before.Mappings) / (double)n:+0.00;-0.00;+0.00} per one) | {(after.ManagedHeap - before.ManagedHeap) / 1024.0 / n:0.00} KiB |"));

    /// <summary>The kinds of mappings the N processes added: count per process and resident kB per process.</summary>
    private static void PrintSmaps(
        Dictionary<(string Perms, long SizeKib, string Name), (int Count, long RssKib)> before,
        Dictionary<(string Perms, long SizeKib, string Name), (int Count, long RssKib)> after, int n)
    {
        Console.WriteLine("Mappings added by the processes, by kind (/proc/self/smaps after − before; kinds that grew by at least N/10 mappings or 1 MiB):");
        Console.WriteLine();
        Console.WriteLine("| permissions | size | kind | mappings added | per process | resident added | resident per process |");
        Console.WriteLine("|---|---:|---|---:|---:|---:|---:|");
        var rows = after.Keys.Union(before.Keys)
            .Select(k => (Key: k, Count: after.GetValueOrDefault(k).Count - before.GetValueOrDefault(k).Count, Rss: after.GetValueOrDefault(k).RssKib - before.GetValueOrDefault(k).RssKib))
            .Where(r => Math.Abs(r.Count) >= n / 10 || Math.Abs(r.Rss) >= 1024)
            .OrderByDescending(r => r.Rss);
        long total = 0;
        foreach (var r in rows)
        {
            total += r.Rss;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Key.Perms} | {Size(r.Key.SizeKib)} | {r.Key.Name} | {r.Count:N0} | {r.Count / (double)n:0.00} | {r.Rss / 1024.0:0.0} MiB | {r.Rss / (double)n:0.0} KiB |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| | | **listed kinds, in all** | | | {total / 1024.0:0.0} MiB | {total / (double)n:0.0} KiB |"));
    }

    /// <summary>The initial pages of actor.wasm's core module memory (its memory section), read from the component.</summary>
    internal static long DeclaredPages() => WasmMemorySection.InitialPages(BenchRegistry.ReadActorComponent());

    private static string Size(long kib) => kib >= 1024 * 1024 ? $"{kib / 1024.0 / 1024:0.##} GiB" : kib >= 1024 ? $"{kib / 1024.0:0.##} MiB" : $"{kib} KiB";

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    private static string Mib(long bytes) => (bytes / 1024.0 / 1024).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The most OS threads seen, sampled every 10 ms on a thread of its own until disposed.</summary>
    private sealed class ThreadSampler : IDisposable
    {
        private readonly Thread _thread;
        private volatile bool _stop;
        private int _peak;

        public ThreadSampler()
        {
            _peak = (int)ProcessMemory.Status("Threads:");
            _thread = new Thread(() =>
            {
                while (!_stop)
                {
                    _peak = Math.Max(_peak, (int)ProcessMemory.Status("Threads:"));
                    Thread.Sleep(10);
                }
            }) { IsBackground = true, Name = "thread sampler" };
            _thread.Start();
        }

        public int Peak => _peak;

        public void Dispose()
        {
            _stop = true;
            _thread.Join();
        }
    }
}

/// <summary>Reads a core module's declared memory out of a component's (or module's) binary.</summary>
internal static class WasmMemorySection
{
    /// <summary>
    /// The initial size, in 64 KiB pages, of the first memory defined by the first core module that defines one (a
    /// component's core modules are its sections of id 1; a core module's memory section has id 5).
    /// </summary>
    public static long InitialPages(ReadOnlySpan<byte> binary)
    {
        if (binary.Length < 8 || !binary[..4].SequenceEqual("\0asm"u8)) throw new InvalidDataException("not a WebAssembly binary");
        var component = binary[6] == 1; // the layer field: 1 for a component
        var i = 8;
        while (i < binary.Length)
        {
            var id = binary[i++];
            var size = (int)Leb(binary, ref i);
            var body = binary.Slice(i, size);
            if (component && id == 1 && InitialPages(body) is var pages && pages >= 0) return pages;
            if (!component && id == 5)
            {
                var at = 0;
                if (Leb(body, ref at) == 0) return -1;
                var flags = body[at++];
                _ = flags;
                return (long)Leb(body, ref at);
            }
            i += size;
        }
        return -1;
    }

    private static ulong Leb(ReadOnlySpan<byte> b, ref int i)
    {
        ulong result = 0;
        for (var shift = 0; ; shift += 7)
        {
            var x = b[i++];
            result |= (ulong)(x & 0x7f) << shift;
            if (x < 0x80) return result;
        }
    }
}
