using System.Diagnostics;

namespace Wippy.Host.WasiHost.Clocks;

/// <summary>
/// The monotonic clock guests see: nanoseconds of <see cref="Stopwatch"/> (CLOCK_MONOTONIC on Linux), the same clock
/// the host's waits and the call's time limit use, so a subscription and a limit compare exactly.
/// </summary>
internal static class MonotonicTime
{
    private static readonly double NanosecondsPerTick = 1_000_000_000.0 / Stopwatch.Frequency;

    /// <summary>Now, in nanoseconds.</summary>
    public static ulong NowNanoseconds() => ToNanoseconds(Stopwatch.GetTimestamp());

    /// <summary>The clock's resolution in nanoseconds (at least 1).</summary>
    public static ulong ResolutionNanoseconds => Math.Max(1, (ulong)Math.Round(NanosecondsPerTick));

    /// <summary>A timestamp in nanoseconds.</summary>
    public static ulong ToNanoseconds(long timestamp) =>
        Stopwatch.Frequency == 1_000_000_000 ? (ulong)timestamp : (ulong)(timestamp * NanosecondsPerTick);

    /// <summary>Nanoseconds as a timestamp, saturating at <see cref="long.MaxValue"/> (never, for a wait).</summary>
    public static long ToTimestamp(ulong nanoseconds)
    {
        if (Stopwatch.Frequency == 1_000_000_000) return nanoseconds > long.MaxValue ? long.MaxValue : (long)nanoseconds;
        var ticks = nanoseconds / NanosecondsPerTick;
        return ticks >= long.MaxValue ? long.MaxValue : (long)ticks;
    }

    /// <summary>The timestamp <paramref name="nanoseconds"/> from now, saturating.</summary>
    public static long FromNow(ulong nanoseconds)
    {
        var now = Stopwatch.GetTimestamp();
        var delta = ToTimestamp(nanoseconds);
        return delta > long.MaxValue - now ? long.MaxValue : now + delta;
    }
}
