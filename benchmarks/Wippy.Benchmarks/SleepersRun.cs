using System.Diagnostics;
using System.Globalization;
using Wippy.Benchmarks.Bench;
using Wippy.Host;

namespace Wippy.Benchmarks;

/// <summary>
/// <c>--sleepers</c>: many guests waiting at once, which BenchmarkDotNet cannot measure. N concurrent calls of
/// <c>bench:sleep</c> (the seed's sleep guest, <c>test-sleep#sleep-ms(1000)</c>, an inline pool: a fresh instance
/// per call) through the generated async proxy, all started from one thread (and again each from the thread pool, as
/// calls from many callers would be), for N = 10,000 and 100,000. Reported:
/// wall time from the first call's start to the last call's end (and how much of it went to starting the calls: each
/// makes its instance and runs until its guest sleeps before the next starts), the most OS threads the process had meanwhile
/// (/proc/self/status, sampled every 10 ms), and the resident memory at the peak over the start, per call.
/// Floor: the same N <c>Task.Delay(1000)</c> with no guest (what .NET alone needs to wait N times at once).
/// </summary>
internal static class SleepersRun
{
    private const uint SleepMs = 1000;

    public static int Run(IReadOnlyList<int> counts)
    {
        using var runtime = BenchRegistry.CreateRuntime();
        var bench = new BenchFunctions(runtime);
        bench.SleepAsync(1).AsTask().GetAwaiter().GetResult(); // compile and JIT outside the measurement
        Console.WriteLine("| row | calls | wall time | of which starting the calls | most OS threads | RSS at the peak, per call | memory mappings at the peak | failed |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in counts)
        {
            Print("floor: Task.Delay(1000), no guest", n, Measure(n, () => Task.Delay((int)SleepMs)));
            Print("bench:sleep via SleepAsync(1000)", n, Measure(n, () => bench.SleepAsync(SleepMs).AsTask()));
            Print("the same, each started from the thread pool", n, Measure(n, () => Task.Run(() => bench.SleepAsync(SleepMs).AsTask())));
            GC.Collect();
        }
        return 0;
    }

    private sealed record Result(TimeSpan Wall, TimeSpan Starting, int PeakThreads, long PeakRssGrowth, int PeakMappingsGrowth, int Failed, string? FirstError);

    private static Result Measure(int n, Func<Task> call)
    {
        GC.Collect();
        var rssBefore = Status("VmRSS:") * 1024;
        var peakThreads = (int)Status("Threads:");
        var peakRss = rssBefore;
        var mappingsBefore = Mappings();
        var peakMappings = mappingsBefore;
        var started = Stopwatch.GetTimestamp();
        var calls = new Task[n];
        for (var i = 0; i < n; i++) calls[i] = call();
        var starting = Stopwatch.GetElapsedTime(started);
        var all = Task.WhenAll(calls);
        for (var sample = 0; !all.IsCompleted; sample++)
        {
            peakThreads = Math.Max(peakThreads, (int)Status("Threads:"));
            peakRss = Math.Max(peakRss, Status("VmRSS:") * 1024);
            // Reading the maps (tens of thousands of lines) holds the kernel's lock that mmap and munmap need: only
            // every 100 ms, so the measurement does not slow what it measures.
            if (sample % 10 == 0) peakMappings = Math.Max(peakMappings, Mappings());
            Task.WhenAny(all, Task.Delay(10)).GetAwaiter().GetResult();
        }
        var wall = Stopwatch.GetElapsedTime(started);
        var failed = calls.Where(c => !c.IsCompletedSuccessfully).ToList();
        return new Result(wall, starting, peakThreads, peakRss - rssBefore, peakMappings - mappingsBefore, failed.Count, failed.FirstOrDefault()?.Exception?.InnerException?.Message);
    }

    private static void Print(string row, int n, Result r) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {row} | {n:N0} | {r.Wall.TotalSeconds:0.00} s | {r.Starting.TotalSeconds:0.00} s | {r.PeakThreads} | {r.PeakRssGrowth / 1024.0 / n:0.0} KiB | +{r.PeakMappingsGrowth:N0} | {r.Failed}{(r.FirstError is null ? "" : $" ({r.FirstError})")} |"));

    /// <summary>The process's memory mappings (lines of /proc/self/maps): Linux refuses more than vm.max_map_count.</summary>
    private static int Mappings() => File.ReadLines("/proc/self/maps").Count();

    private static long Status(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(field.Length).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}
