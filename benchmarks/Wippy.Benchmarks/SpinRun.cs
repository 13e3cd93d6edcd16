using System.Diagnostics;

namespace Wippy.Benchmarks;

/// <summary>
/// <c>--spin &lt;row&gt;[,&lt;row&gt;…] [seconds]</c>: runs rows of <see cref="PoolBenchmarks"/> in a loop on one thread, each for a
/// while (default 1 s) in turn, five rounds, and prints their times per operation, so that a profiler can watch them and
/// two versions of the code can be compared quickly:
/// <code>
/// DOTNET_PerfMapEnabled=1 perf record -g -o /tmp/perf.data -- dotnet benchmarks/Wippy.Benchmarks/bin/Release/net10.0/Wippy.Benchmarks.dll --spin Compute_Lazy 5
/// perf report -i /tmp/perf.data --no-children --sort symbol
/// </code>
/// Not a measurement to quote (no warm-up rules, no statistics): BenchmarkDotNet gives those.
/// </summary>
internal static class SpinRun
{
    /// <summary>
    /// Runs each of <paramref name="rowList"/> (comma-separated) for <paramref name="seconds"/>, in turn, five rounds, and
    /// prints each row's time per operation in every round and its best; interleaving the rows keeps a machine whose speed
    /// drifts from favouring one of them.
    /// </summary>
    public static int Run(string rowList, double seconds)
    {
        var rows = new PoolBenchmarks();
        var names = rowList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var operations = new Action[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            Action? operation = names[i] switch
            {
                nameof(PoolBenchmarks.Compute_Floor_WrapFunc) => () => rows.Compute_Floor_WrapFunc(),
                nameof(PoolBenchmarks.Compute_Lazy) => () => rows.Compute_Lazy(),
                nameof(PoolBenchmarks.Compute_Static) => () => rows.Compute_Static(),
                nameof(PoolBenchmarks.Compute_Adaptive) => () => rows.Compute_Adaptive(),
                nameof(PoolBenchmarks.TakeAndGiveBack_Lazy) => () => rows.TakeAndGiveBack_Lazy(),
                nameof(PoolBenchmarks.Inline_Floor_InstantiateCall) => () => rows.Inline_Floor_InstantiateCall(),
                nameof(PoolBenchmarks.Inline_Proxy) => () => rows.Inline_Proxy(),
                nameof(PoolBenchmarks.Inline_Proxy_PoolingAllocator) => () => rows.Inline_Proxy_PoolingAllocator(),
                nameof(PoolBenchmarks.Transform_Lazy) => () => rows.Transform_Lazy(),
                nameof(PoolBenchmarks.Transform_Inline) => () => rows.Transform_Inline(),
                nameof(PoolBenchmarks.Transform_Inline_PoolingAllocator) => () => rows.Transform_Inline_PoolingAllocator(),
                nameof(PoolBenchmarks.Transform_Inline_PoolingNothingResident) => () => rows.Transform_Inline_PoolingNothingResident(),
                nameof(PoolBenchmarks.Inline_Proxy_PoolingNothingResident) => () => rows.Inline_Proxy_PoolingNothingResident(),
                _ => null,
            };
            if (operation is null)
            {
                Console.Error.WriteLine($"--spin: no row '{names[i]}'; one of Compute_Floor_WrapFunc, Compute_Lazy, Compute_Static, Compute_Adaptive, TakeAndGiveBack_Lazy, "
                    + "Inline_Floor_InstantiateCall, Inline_Proxy, Inline_Proxy_PoolingAllocator, Inline_Proxy_PoolingNothingResident, Transform_Lazy, Transform_Inline, "
                    + "Transform_Inline_PoolingAllocator, Transform_Inline_PoolingNothingResident");
                return 2;
            }
            operations[i] = operation;
        }
        rows.Setup();
        try
        {
            const int Rounds = 5;
            var perOperation = new double[names.Length, Rounds];
            for (var round = 0; round < Rounds; round++)
            {
                for (var i = 0; i < names.Length; i++) perOperation[i, round] = Spin(operations[i], seconds);
            }
            for (var i = 0; i < names.Length; i++)
            {
                var all = Enumerable.Range(0, Rounds).Select(r => perOperation[i, r]).ToArray();
                Console.WriteLine($"{names[i],-32} best {all.Min(),10:F1} ns   rounds {string.Join(" ", all.Select(v => v.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))}");
            }
            return 0;
        }
        finally
        {
            rows.Cleanup();
        }
    }

    private static double Spin(Action operation, double seconds)
    {
        var until = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        long operations = 0;
        while (Stopwatch.GetTimestamp() < until)
        {
            for (var i = 0; i < 1000; i++) operation();
            operations += 1000;
        }
        return Stopwatch.GetElapsedTime(started).TotalNanoseconds / operations;
    }
}
