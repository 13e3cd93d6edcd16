using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Wippy.Benchmarks.Bench;
using Wippy.Host;

namespace Wippy.Benchmarks;

/// <summary>
/// <c>--latency</c>: per-call latency (Stopwatch around each call) with 4x more callers than workers, which
/// BenchmarkDotNet cannot report. Rows, each against its floor:
/// <list type="bullet">
/// <item><c>bench:work_static2</c> (static, 2 workers), <c>work(<see cref="WorkN"/>)</c> (registry/work.wat, tens of µs),
/// 8 callers; floor: 8 callers on Wasmtime.Dotnet sharing 2 instances (own stores) guarded by a <c>SemaphoreSlim(2)</c>
/// (the same cap, no Wippy; SemaphoreSlim is not FIFO: a caller releasing may take the slot again at once), and a
/// second floor that hands a freed slot to the first waiter (strict FIFO, as Wippy's pool). Reference rows with
/// 2 callers (no queuing) give the service time.</item>
/// <item><c>bench:compute_static</c> (static, 2 workers), <c>compute(6, 7)</c>, 8 callers; floor as above with
/// <c>WrapFunc&lt;int, int, int&gt;</c>.</item>
/// </list>
/// Each row: one warm-up round (not counted), then <see cref="Rounds"/> rounds of callers × <see cref="CallsPerCaller"/>
/// calls, rows interleaved round by round; the percentiles are over all measured calls of the row.
/// </summary>
internal static class LatencyRun
{
    public const uint WorkN = 20_000;
    public const int Workers = 2;
    public const int Callers = 8;
    public const int CallsPerCaller = 2_000;
    public const int Rounds = 3;

    private sealed record Row(string Name, string Guest, int Callers, Func<uint, uint> Call, uint N, uint Expected)
    {
        public List<long> Ticks { get; } = [];
        public double WallSeconds { get; set; }
    }

    /// <summary>Runs and prints the table; <paramref name="quick"/> (for <c>--check</c>) makes a few calls and prints nothing but a line.</summary>
    public static int Run(bool quick)
    {
        var callsPerCaller = quick ? 20 : CallsPerCaller;
        var rounds = quick ? 1 : Rounds;
        var loadBefore = LoadAverage();

        using var runtime = BenchRegistry.CreateRuntime();
        var bench = new BenchFunctions(runtime);
        var workHandle = runtime.GetFunction("bench:work_static2");
        var computeHandle = runtime.GetFunction("bench:compute_static");

        var wat = WorkGuest.ReadWat();
        using var engine = new Wasmtime.Engine();
        using var workModule = Wasmtime.Module.FromText(engine, "work", wat);
        using var computeModule = Wasmtime.Module.FromBytes(engine, "compute", SampleRegistry.ReadWasm("compute.wasm"));
        using var linker = new Wasmtime.Linker(engine);
        var stores = new List<Wasmtime.Store>();
        try
        {
            // The floor: 2 instances (each its own store) shared by the callers, at most 2 calls at once.
            var workFloor = SharedBySemaphore(Enumerable.Range(0, Workers).Select(_ =>
            {
                var store = new Wasmtime.Store(engine);
                stores.Add(store);
                var work = linker.Instantiate(store, workModule).GetFunction<int, int>("work")
                    ?? throw new InvalidOperationException("work.wat: work is not (i32) -> i32");
                return (Func<uint, uint>)(n => (uint)work((int)n));
            }));
            var computeFloor = SharedBySemaphore(Enumerable.Range(0, Workers).Select(_ =>
            {
                var store = new Wasmtime.Store(engine);
                stores.Add(store);
                var compute = linker.Instantiate(store, computeModule).GetFunction<int, int, int>("compute")
                    ?? throw new InvalidOperationException("compute is not (i32, i32) -> i32");
                return (Func<uint, uint>)(_ => (uint)compute(6, 7));
            }));

            var workFifoFloor = SharedFifo(Enumerable.Range(0, Workers).Select(_ =>
            {
                var store = new Wasmtime.Store(engine);
                stores.Add(store);
                var work = linker.Instantiate(store, workModule).GetFunction<int, int>("work")
                    ?? throw new InvalidOperationException("work.wat: work is not (i32) -> i32");
                return (Func<uint, uint>)(n => (uint)work((int)n));
            }));

            var workExpected = WorkGuest.Expected(WorkN);
            Row[] rows =
            [
                new("proxy bench:work_static2", $"work({WorkN:N0})", Callers, bench.WorkStatic2, WorkN, workExpected),
                new("floor: Wasmtime.Dotnet, 2 instances + SemaphoreSlim(2)", $"work({WorkN:N0})", Callers, workFloor, WorkN, workExpected),
                new("floor, FIFO: Wasmtime.Dotnet, 2 instances, strict FIFO hand-off (lock + ManualResetEventSlim per waiter)", $"work({WorkN:N0})", Callers, workFifoFloor, WorkN, workExpected),
                new("proxy bench:work_static2 (reference: callers = workers)", $"work({WorkN:N0})", Workers, bench.WorkStatic2, WorkN, workExpected),
                new("floor (reference: callers = workers)", $"work({WorkN:N0})", Workers, workFloor, WorkN, workExpected),
                new("proxy bench:compute_static", "compute(6, 7)", Callers, _ => (uint)bench.ComputeStatic(6, 7), 0, 42),
                new("floor: Wasmtime.Dotnet, 2 instances + SemaphoreSlim(2)", "compute(6, 7)", Callers, computeFloor, 0, 42),
            ];

            // The pool must never run more than its 2 workers at once, and 8 callers must make some of them wait.
            var maxBusy = 0;
            var maxQueued = 0;
            var sampling = true;
            var sampler = new Thread(() =>
            {
                while (Volatile.Read(ref sampling))
                {
                    maxBusy = Math.Max(maxBusy, Math.Max(workHandle.Busy, computeHandle.Busy));
                    maxQueued = Math.Max(maxQueued, Math.Max(workHandle.Queued, computeHandle.Queued));
                    Thread.Sleep(1); // about 1,000 samples a second, without taking a core from the callers
                }
            }) { IsBackground = true };
            sampler.Start();

            for (var round = 0; round <= rounds; round++)
            {
                var measured = round > 0;
                foreach (var row in rows) Measure(row, measured ? callsPerCaller : Math.Max(1, callsPerCaller / 10), measured);
            }

            Volatile.Write(ref sampling, false);
            sampler.Join();
            if (maxBusy > Workers) throw new InvalidOperationException($"the static pool ran {maxBusy} calls at once, more than its {Workers} workers");
            foreach (var handle in new[] { workHandle, computeHandle })
            {
                // Without warm_start a static pool creates its workers' instances on demand: compute is so short that one may do.
                if (handle.Busy != 0 || handle.Queued != 0 || handle.Idle is < 1 or > Workers)
                {
                    throw new InvalidOperationException($"{handle.Id}: after the run Busy = {handle.Busy}, Queued = {handle.Queued}, Idle = {handle.Idle}; expected 0, 0, 1..{Workers}");
                }
            }

            if (quick)
            {
                Console.WriteLine($"ok: --latency: {rows.Length} rows, {Callers} callers on {Workers} workers, every result checked, never more than {Workers} calls at once (sampled once a millisecond: busy up to {maxBusy}, queued up to {maxQueued})");
                return 0;
            }

            Print(rows, callsPerCaller, rounds, maxBusy, maxQueued, loadBefore, LoadAverage());
            return 0;
        }
        finally
        {
            foreach (var store in stores) store.Dispose();
        }
    }

    /// <summary>Callers share <paramref name="instances"/>: a SemaphoreSlim with one slot per instance, then a free instance from a queue.</summary>
    private static Func<uint, uint> SharedBySemaphore(IEnumerable<Func<uint, uint>> instances)
    {
        var free = new ConcurrentQueue<Func<uint, uint>>(instances);
        var slots = new SemaphoreSlim(free.Count, free.Count);
        return n =>
        {
            slots.Wait();
            try
            {
                if (!free.TryDequeue(out var instance)) throw new InvalidOperationException("no free instance behind the semaphore");
                try
                {
                    return instance(n);
                }
                finally
                {
                    free.Enqueue(instance);
                }
            }
            finally
            {
                slots.Release();
            }
        };
    }

    /// <summary>
    /// Callers share <paramref name="instances"/> in strict FIFO order, as Wippy's pool does: a freed slot goes straight to
    /// the first waiter (woken through its own ManualResetEventSlim), never to a caller arriving later.
    /// </summary>
    private static Func<uint, uint> SharedFifo(IEnumerable<Func<uint, uint>> instances)
    {
        var free = new ConcurrentQueue<Func<uint, uint>>(instances);
        var gate = new object();
        var slots = free.Count;
        var waiters = new Queue<ManualResetEventSlim>();
        return n =>
        {
            ManualResetEventSlim? wait = null;
            lock (gate)
            {
                if (slots > 0 && waiters.Count == 0) slots--;
                else waiters.Enqueue(wait = new ManualResetEventSlim(false));
            }
            if (wait is not null)
            {
                wait.Wait(); // the slot was handed to us
                wait.Dispose();
            }
            try
            {
                if (!free.TryDequeue(out var instance)) throw new InvalidOperationException("no free instance for a granted slot");
                try
                {
                    return instance(n);
                }
                finally
                {
                    free.Enqueue(instance);
                }
            }
            finally
            {
                ManualResetEventSlim? next;
                lock (gate)
                {
                    if (!waiters.TryDequeue(out next)) slots++;
                }
                next?.Set();
            }
        };
    }

    private static void Measure(Row row, int callsPerCaller, bool record)
    {
        var ticks = new long[row.Callers][];
        var wall = Stopwatch.StartNew();
        WorkGuest.RunConcurrently(row.Callers, caller =>
        {
            var mine = new long[callsPerCaller];
            for (var i = 0; i < callsPerCaller; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var result = row.Call(row.N);
                mine[i] = Stopwatch.GetTimestamp() - start;
                if (result != row.Expected) throw new InvalidOperationException($"{row.Name}: {row.Guest} returned {result}, expected {row.Expected}");
            }
            ticks[caller] = mine;
        });
        wall.Stop();
        if (!record) return;
        foreach (var t in ticks) row.Ticks.AddRange(t);
        row.WallSeconds += wall.Elapsed.TotalSeconds;
    }

    private static void Print(Row[] rows, int callsPerCaller, int rounds, int maxBusy, int maxQueued, string loadBefore, string loadAfter)
    {
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine($"Per-call latency, static pool of {Workers} workers; {rounds} rounds of callers × {callsPerCaller:N0} calls per row (after a warm-up round), rows interleaved.");
        Console.WriteLine($"{Environment.ProcessorCount} logical cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}; load average before {loadBefore}, after {loadAfter}.");
        Console.WriteLine($"Pool sampled during the run: at most {maxBusy} calls at once, at most {maxQueued} callers queued.");
        Console.WriteLine();
        Console.WriteLine("| row | guest | callers | calls | p50 µs | p99 µs | max µs | mean µs | calls/s |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var sorted = row.Ticks.ToArray();
            Array.Sort(sorted);
            double Us(long t) => t * 1_000_000.0 / Stopwatch.Frequency;
            double Percentile(double p) => Us(sorted[(int)Math.Ceiling(p * sorted.Length) - 1]);
            var mean = Us((long)sorted.Average());
            Console.WriteLine(string.Format(inv, "| {0} | {1} | {2} | {3:N0} | {4:F1} | {5:F1} | {6:F1} | {7:F1} | {8:N0} |",
                row.Name, row.Guest, row.Callers, sorted.Length, Percentile(0.50), Percentile(0.99), Us(sorted[^1]), mean,
                sorted.Length / row.WallSeconds));
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
