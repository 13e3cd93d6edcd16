using System.Diagnostics;

namespace Wippy.Benchmarks;

/// <summary>
/// <c>--spin &lt;row&gt;[,&lt;row&gt;…] [seconds]</c>: runs rows of <see cref="PoolBenchmarks"/>, <see cref="ComponentBenchmarks"/> and <see cref="ComputeBenchmarks"/> in a loop on one thread, each for a
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
        var pools = new PoolBenchmarks();
        var components = new ComponentBenchmarks();
        var compute = new ComputeBenchmarks();
        // Row name → its operation and the class whose setup it needs.
        var known = new Dictionary<string, (Action Operation, object Owner)>(StringComparer.Ordinal)
        {
            [nameof(PoolBenchmarks.Compute_Floor_WrapFunc)] = (() => pools.Compute_Floor_WrapFunc(), pools),
            [nameof(PoolBenchmarks.Compute_Lazy)] = (() => pools.Compute_Lazy(), pools),
            [nameof(PoolBenchmarks.Compute_Static)] = (() => pools.Compute_Static(), pools),
            [nameof(PoolBenchmarks.Compute_Adaptive)] = (() => pools.Compute_Adaptive(), pools),
            [nameof(ComputeBenchmarks.Proxy_BeginEndOnly)] = (() => compute.Proxy_BeginEndOnly(), compute),
            [nameof(ComputeBenchmarks.Proxy_Compute)] = (() => compute.Proxy_Compute(), compute),
            [nameof(ComputeBenchmarks.Proxy_ComputeAsync)] = (() => compute.Proxy_ComputeAsync().GetAwaiter().GetResult(), compute),
            [nameof(ComputeBenchmarks.WippyNative_CallUnchecked)] = (() => compute.WippyNative_CallUnchecked(), compute),
            [nameof(PoolBenchmarks.Inline_Floor_InstantiateCall)] = (() => pools.Inline_Floor_InstantiateCall(), pools),
            [nameof(PoolBenchmarks.Inline_Proxy)] = (() => pools.Inline_Proxy(), pools),
            [nameof(PoolBenchmarks.Inline_Proxy_PoolingAllocator)] = (() => pools.Inline_Proxy_PoolingAllocator(), pools),
            [nameof(PoolBenchmarks.Inline_Proxy_PoolingNothingResident)] = (() => pools.Inline_Proxy_PoolingNothingResident(), pools),
            [nameof(PoolBenchmarks.Transform_Lazy)] = (() => pools.Transform_Lazy(), pools),
            [nameof(PoolBenchmarks.Transform_Inline)] = (() => pools.Transform_Inline(), pools),
            [nameof(PoolBenchmarks.Transform_Inline_PoolingAllocator)] = (() => pools.Transform_Inline_PoolingAllocator(), pools),
            [nameof(PoolBenchmarks.Transform_Inline_PoolingNothingResident)] = (() => pools.Transform_Inline_PoolingNothingResident(), pools),
            [nameof(ComponentBenchmarks.WasmtimeDotnet_Add)] = (() => components.WasmtimeDotnet_Add(), components),
            [nameof(ComponentBenchmarks.Proxy_Add)] = (() => components.Proxy_Add(), components),
            [nameof(ComponentBenchmarks.ProxyComponentModel_Add)] = (() => components.ProxyComponentModel_Add(), components),
            [nameof(ComponentBenchmarks.ProxyComponentModel_AddAsync)] = (() => components.ProxyComponentModel_AddAsync().GetAwaiter().GetResult(), components),
            [nameof(ComponentBenchmarks.ProxyDirect_AddWithImport)] = (() => components.ProxyDirect_AddWithImport(), components),
            [nameof(ComponentBenchmarks.WasmtimeDotnet_WasiGetCwd)] = (() => components.WasmtimeDotnet_WasiGetCwd(), components),
            [nameof(ComponentBenchmarks.Proxy_WasiGetCwd)] = (() => components.Proxy_WasiGetCwd(), components),
            [nameof(ComponentBenchmarks.WasmtimeDotnet_HostImportRun)] = (() => components.WasmtimeDotnet_HostImportRun(), components),
            [nameof(ComponentBenchmarks.Proxy_HostImportRun)] = (() => components.Proxy_HostImportRun(), components),
            [nameof(ComponentBenchmarks.ProxyComponentModel_HostImportRun)] = (() => components.ProxyComponentModel_HostImportRun(), components),
            [nameof(ComponentBenchmarks.CorePlan_HostImportRun)] = (() => components.CorePlan_HostImportRun(), components),
            [nameof(ComponentBenchmarks.WasmtimeDotnet_Calculate)] = (() => components.WasmtimeDotnet_Calculate(), components),
            [nameof(ComponentBenchmarks.Proxy_Calculate)] = (() => components.Proxy_Calculate(), components),
            [nameof(ComponentBenchmarks.ProxyComponentModel_Calculate)] = (() => components.ProxyComponentModel_Calculate(), components),
            [nameof(ComponentBenchmarks.WasmtimeDotnet_CalculateFresh)] = (() => components.WasmtimeDotnet_CalculateFresh(), components),
            [nameof(ComponentBenchmarks.Proxy_CalculateFresh)] = (() => components.Proxy_CalculateFresh(), components),
            [nameof(ComponentBenchmarks.Proxy_CalculateFresh_PoolingAllocator)] = (() => components.Proxy_CalculateFresh_PoolingAllocator(), components),
            [nameof(ComponentBenchmarks.ProxyComponentModel_CalculateFresh)] = (() => components.ProxyComponentModel_CalculateFresh(), components),
        };
        var names = rowList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var operations = new Action[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            if (!known.TryGetValue(names[i], out var row))
            {
                Console.Error.WriteLine($"--spin: no row '{names[i]}'; one of {string.Join(", ", known.Keys)}");
                return 2;
            }
            operations[i] = row.Operation;
        }
        var needPools = names.Any(n => known[n].Owner == (object)pools);
        var needComponents = names.Any(n => known[n].Owner == (object)components);
        var needCompute = names.Any(n => known[n].Owner == (object)compute);
        if (needPools) pools.Setup();
        if (needComponents) components.Setup();
        if (needCompute) compute.Setup();
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
            if (needPools) pools.Cleanup();
            if (needComponents) components.Cleanup();
            if (needCompute) compute.Cleanup();
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
