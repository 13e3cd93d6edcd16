using System.Diagnostics;
using System.Runtime;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// Runs a warm-up until the JIT has gone quiet. Tiered compilation recompiles hot methods in the background (call
/// counting starts 100 ms after the last new method, then tier 1, OSR, PGO-instrumented tiers): a measurement taken
/// while that goes on counts the JIT's code heap and its compile arenas (glibc arenas of the background compiler
/// thread) as if the code under test held them.
/// </summary>
internal static class JitQuiet
{
    /// <summary>How long the JIT must compile nothing while <c>warmUp</c> keeps running: several call-counting delays.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the warm-up may go on (it took 4–6 s alone on a 2-core machine).</summary>
    private static readonly TimeSpan Longest = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Calls <paramref name="batch"/> at least once, and until no method was compiled during <see cref="Quiet"/> of
    /// calls; returns how long that took. Gives up after <see cref="Longest"/> (the measurement then says so).
    /// </summary>
    public static (TimeSpan Took, bool Quiet) WarmUp(Action batch)
    {
        var started = Stopwatch.GetTimestamp();
        var compiled = JitInfo.GetCompiledMethodCount();
        var quietSince = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(quietSince) < Quiet)
        {
            if (Stopwatch.GetElapsedTime(started) > Longest) return (Stopwatch.GetElapsedTime(started), false);
            batch();
            var now = JitInfo.GetCompiledMethodCount();
            if (now == compiled) continue;
            compiled = now;
            quietSince = Stopwatch.GetTimestamp();
        }
        return (Stopwatch.GetElapsedTime(started), true);
    }
}
