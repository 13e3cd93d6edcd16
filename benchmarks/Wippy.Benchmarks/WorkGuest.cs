namespace Wippy.Benchmarks;

/// <summary>
/// The CPU-bound guest of ThroughputBenchmarks and <c>--latency</c>: registry/work.wat, <c>work(n)</c> = n rounds of a
/// 32-bit LCG starting at n (entries <c>bench:work_static1</c> and <c>bench:work_static2</c>). The floors compile the same file.
/// </summary>
internal static class WorkGuest
{
    /// <summary>The text of registry/work.wat.</summary>
    public static string ReadWat() => File.ReadAllText(Path.Combine(BenchRegistry.Root, "work.wat"));

    /// <summary>What <c>work(n)</c> returns, computed in C#.</summary>
    public static uint Expected(uint n)
    {
        var x = n;
        for (uint i = 0; i < n; i++) x = unchecked(x * 1664525u + 1013904223u);
        return x;
    }

    /// <summary>
    /// A Wasmtime.Dotnet instance of work.wat in its own store (the floors): <paramref name="epochInterruption"/> builds
    /// it on an engine with epoch interruption (as Wippy's engine is) and a deadline never reached.
    /// </summary>
    public sealed class FloorInstance : IDisposable
    {
        private readonly Wasmtime.Store _store;

        public FloorInstance(Wasmtime.Engine engine, Wasmtime.Module module, Wasmtime.Linker linker, bool epochInterruption)
        {
            _store = new Wasmtime.Store(engine);
            if (epochInterruption) _store.SetEpochDeadline(1_000_000_000);
            var work = linker.Instantiate(_store, module).GetFunction<int, int>("work")
                ?? throw new InvalidOperationException("work.wat: work is not (i32) -> i32");
            Work = n => (uint)work((int)n);
        }

        public Func<uint, uint> Work { get; }

        public void Dispose() => _store.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="body"/>(caller) on <paramref name="callers"/> new threads at once and waits for all of them
    /// (dedicated threads, so the callers really run concurrently, unlike Parallel.Invoke, which may run them inline
    /// one after another). Rethrows the first failure.
    /// </summary>
    public static void RunConcurrently(int callers, Action<int> body)
    {
        var threads = new Thread[callers];
        Exception? failure = null;
        using var start = new Barrier(callers);
        for (var c = 0; c < callers; c++)
        {
            var caller = c;
            threads[c] = new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    body(caller);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, e, null);
                }
            }) { IsBackground = true, Name = $"caller {caller}" };
            threads[c].Start();
        }
        foreach (var t in threads) t.Join();
        if (failure is not null) throw new InvalidOperationException($"a caller failed: {failure.Message}", failure);
    }
}
