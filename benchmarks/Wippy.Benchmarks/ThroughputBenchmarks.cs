using BenchmarkDotNet.Attributes;
using Wippy.Benchmarks.Bench;
using Wippy.Host;

namespace Wippy.Benchmarks;

/// <summary>
/// Throughput of a static pool under two concurrent callers: each op = <see cref="Callers"/> threads started together,
/// each making <see cref="CallsPerCaller"/> calls of the CPU-bound <c>work(<see cref="N"/>)</c> (registry/work.wat, a few
/// ms per call). <c>bench:work_static1</c> (1 worker) serializes the callers; <c>bench:work_static2</c> (2 workers) lets
/// them run in parallel. Speed-up = time with 1 worker / time with 2 workers (target ≥ 1.8x on 2 cores).
/// The floor (<c>Baseline</c>): the same two threads on Wasmtime.Dotnet, each with its own Store and instance.
/// </summary>
public class ThroughputBenchmarks
{
    public const uint N = 2_000_000;
    public const int Callers = 2;
    public const int CallsPerCaller = 4;

    private WippyRuntime _runtime = null!;
    private BenchFunctions _bench = null!;
    private uint _expected;

    private Wasmtime.Engine _engine = null!;
    private Wasmtime.Engine _epochEngine = null!;
    private Wasmtime.Linker _linker = null!;
    private Wasmtime.Linker _epochLinker = null!;
    private Wasmtime.Module _module = null!;
    private Wasmtime.Module _epochModule = null!;
    private WorkGuest.FloorInstance[] _floor = null!;
    private WorkGuest.FloorInstance[] _epochFloor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = BenchRegistry.CreateRuntime();
        _bench = new BenchFunctions(_runtime);
        _expected = WorkGuest.Expected(N);

        var wat = WorkGuest.ReadWat();
        _engine = new Wasmtime.Engine();
        _module = Wasmtime.Module.FromText(_engine, "work", wat);
        _linker = new Wasmtime.Linker(_engine);
        _floor = [.. Enumerable.Range(0, Callers).Select(_ => new WorkGuest.FloorInstance(_engine, _module, _linker, epochInterruption: false))];
        _epochEngine = new Wasmtime.Engine(new Wasmtime.Config().WithEpochInterruption(true)); // the engine disposes the config
        _epochModule = Wasmtime.Module.FromText(_epochEngine, "work", wat);
        _epochLinker = new Wasmtime.Linker(_epochEngine);
        _epochFloor = [.. Enumerable.Range(0, Callers).Select(_ => new WorkGuest.FloorInstance(_epochEngine, _epochModule, _epochLinker, epochInterruption: true))];

        // Warm every row (the static pools create their workers on first use) and check every result.
        Floor_TwoThreads();
        Floor_TwoThreads_EpochInterruption();
        Floor_OneThread();
        Proxy_Static1Worker();
        Proxy_Static2Workers();

        // The pools cap concurrent calls at their workers: sample Busy/Queued while two callers run.
        MaxBusySeen1 = CheckCap(_runtime.GetFunction("bench:work_static1"), Proxy_Static1Worker, workers: 1);
        MaxBusySeen2 = CheckCap(_runtime.GetFunction("bench:work_static2"), Proxy_Static2Workers, workers: 2);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _runtime.Dispose();
        foreach (var f in _floor) f.Dispose();
        foreach (var f in _epochFloor) f.Dispose();
        _linker.Dispose();
        _epochLinker.Dispose();
        _module.Dispose();
        _epochModule.Dispose();
        _engine.Dispose();
        _epochEngine.Dispose();
    }

    /// <summary>The floor: two threads, each calling its own Wasmtime.Dotnet instance (own Store) K times.</summary>
    [Benchmark(Baseline = true)]
    public void Floor_TwoThreads() => WorkGuest.RunConcurrently(Callers, c => Calls(_floor[c].Work));

    /// <summary>Diagnostic: the floor on an engine with epoch interruption (as Wippy's engine has: a check in every loop).</summary>
    [Benchmark]
    public void Floor_TwoThreads_EpochInterruption() => WorkGuest.RunConcurrently(Callers, c => Calls(_epochFloor[c].Work));

    /// <summary>Diagnostic: the same 2 × K calls on one thread and one instance (what the machine does serially).</summary>
    [Benchmark]
    public void Floor_OneThread() => WorkGuest.RunConcurrently(1, _ =>
    {
        for (var c = 0; c < Callers; c++) Calls(_floor[0].Work);
    });

    /// <summary><c>bench:work_static1</c>: two callers, one worker.</summary>
    [Benchmark]
    public void Proxy_Static1Worker() => WorkGuest.RunConcurrently(Callers, _ => Calls(_bench.WorkStatic1));

    /// <summary><c>bench:work_static2</c>: two callers, two workers.</summary>
    [Benchmark]
    public void Proxy_Static2Workers() => WorkGuest.RunConcurrently(Callers, _ => Calls(_bench.WorkStatic2));

    private void Calls(Func<uint, uint> work)
    {
        for (var i = 0; i < CallsPerCaller; i++)
        {
            var result = work(N);
            if (result != _expected) throw new InvalidOperationException($"work({N}) returned {result}, expected {_expected}");
        }
    }

    /// <summary>The most calls seen running at once during the setup's check, 1 worker and 2 workers (for <c>--check</c>).</summary>
    public int MaxBusySeen1 { get; private set; }

    /// <inheritdoc cref="MaxBusySeen1"/>
    public int MaxBusySeen2 { get; private set; }

    private static int CheckCap(FunctionHandle handle, Action run, int workers)
    {
        var maxBusy = 0;
        var done = false;
        var sampler = new Thread(() =>
        {
            while (!Volatile.Read(ref done)) maxBusy = Math.Max(maxBusy, handle.Busy);
        }) { IsBackground = true };
        sampler.Start();
        run();
        Volatile.Write(ref done, true);
        sampler.Join();
        if (maxBusy > workers) throw new InvalidOperationException($"{handle.Id}: {maxBusy} calls ran at once, more than its {workers} worker(s)");
        if (handle.Busy != 0 || handle.Queued != 0 || handle.Idle != workers)
        {
            throw new InvalidOperationException($"{handle.Id}: after the calls Busy = {handle.Busy}, Queued = {handle.Queued}, Idle = {handle.Idle}; expected 0, 0, {workers}");
        }
        return maxBusy;
    }
}
