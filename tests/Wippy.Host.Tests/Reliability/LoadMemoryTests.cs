using System.Diagnostics;
using System.Runtime;
using Wippy.Host.Tests.EndToEnd;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// Calls must not leak: a million warm calls, and a hundred thousand calls that trap (each drops its instance and the
/// next call makes a new store and instance), leave the process's resident memory where they found it, within a few
/// MiB. Run alone (<see cref="NotInParallel"/>): other tests' allocations would be counted too.
/// </summary>
/// <remarks>
/// How the reading is kept honest (<see cref="ResidentMemory.Settled"/>, <see cref="JitQuiet"/>): both readings are
/// taken after a full compacting GC and glibc's malloc_trim, so memory that the two allocators keep free for reuse is
/// not counted; and the warm-up goes on until the JIT has compiled nothing for half a second, because tiered
/// compilation keeps recompiling the hot path in the background for seconds after the first calls (measured: with the
/// warm-up cut at 50,000 calls, 1.0–1.8 MiB of "growth" per million calls was the JIT's code heap and the glibc arena
/// of its compiler thread; with tiered compilation off it was 0–4 KiB per million calls).
/// </remarks>
[Collection(NotInParallel.Name)]
public sealed class LoadMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const long MiB = 1 << 20;

    private readonly WippyRuntime _runtime = Descriptors.Runtime(WippyRegistry.CreateManifest());

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_million_warm_calls_grow_resident_memory_by_at_most_5_MiB()
    {
        var guests = new ReliabilityFunctions(_runtime);
        var next = 0UL;
        void Calls(int count)
        {
            for (var i = 0; i < count; i++, next++)
            {
                if (guests.EchoWarm(next, 0) != next) throw new Xunit.Sdk.XunitException($"call {next} answered another value");
            }
        }

        var (growth, took) = Measure(() => Calls(50_000), () => Calls(1_000_000));
        output.WriteLine($"1,000,000 warm calls took {took.TotalMilliseconds:0} ms ({took.TotalMilliseconds * 1e6 / 1_000_000:0} ns a call)");
        Assert.True(growth <= 5 * MiB, $"resident memory grew by {growth / (double)MiB:0.00} MiB over 1,000,000 warm calls");
        Assert.Equal(1, _runtime.GetFunction("reliability:echo_warm").Idle); // one warm instance served them all
    }

    [Fact]
    public void A_hundred_thousand_trapping_calls_grow_resident_memory_by_at_most_10_MiB()
    {
        var guests = new ReliabilityFunctions(_runtime);
        var traps = 0;
        void Calls(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var error = Assert.Throws<WippyException>(() => guests.Trap(i));
                if (error.Kind != ErrorKind.Trap) throw new Xunit.Sdk.XunitException($"call {i} failed with {error.Kind}, not Trap: {error.Message}");
                traps++;
            }
        }

        var (growth, took) = Measure(() => Calls(5_000), () => Calls(100_000));
        output.WriteLine($"100,000 trapping calls took {took.TotalMilliseconds:0} ms ({took.TotalMilliseconds * 1000 / 100_000:0.0} µs a call)");
        Assert.True(growth <= 10 * MiB, $"resident memory grew by {growth / (double)MiB:0.00} MiB over 100,000 trapping calls");
        Assert.True(traps >= 105_000);
        Assert.Equal(0, _runtime.GetFunction("reliability:trap").Idle); // no trapped instance was kept
    }

    /// <summary>
    /// Warms up with <paramref name="warmUp"/>, then reads, runs <paramref name="measured"/>, reads; returns the growth
    /// and the run's time. A run in which memory shrank by more than <see cref="Shrink"/> saw memory released that
    /// was held before it began, which could hide a leak of the same size: it is run again (at most twice more).
    /// </summary>
    private (long Growth, TimeSpan Took) Measure(Action warmUp, Action measured)
    {
        _ = ResidentMemory.Settled(); // its own code compiled before the first reading
        var (warmed, quiet) = JitQuiet.WarmUp(warmUp);
        output.WriteLine($"warm-up: {warmed.TotalMilliseconds:0} ms{(quiet ? ", until the JIT was quiet" : "; the JIT was still compiling")}");
        for (var attempt = 1; ; attempt++)
        {
            var compiledBefore = JitInfo.GetCompiledMethodCount();
            var before = ResidentMemory.Settled();
            var started = Stopwatch.GetTimestamp();
            measured();
            var took = Stopwatch.GetElapsedTime(started);
            var after = ResidentMemory.Settled();
            var growth = after.Resident - before.Resident;
            output.WriteLine($"before: {before}");
            output.WriteLine($"after:  {after}");
            output.WriteLine($"growth: {growth / 1024} KiB; methods the JIT compiled meanwhile: {JitInfo.GetCompiledMethodCount() - compiledBefore}");
            if (growth >= -Shrink || attempt == 3) return (growth, took);
            output.WriteLine("memory held before the run was released during it: measuring again");
        }
    }

    /// <summary>
    /// How much a run may shrink resident memory and still count. The .NET runtime itself releases about 8 MiB once, on
    /// its finalizer thread, a few seconds after the process starts (seen with a free() interposer in a test process
    /// that had made no Wippy runtime): a run that spans it would read 8 MiB less than it grew.
    /// </summary>
    private const long Shrink = 2 * MiB;
}
