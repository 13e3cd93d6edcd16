namespace Wippy.Host.Pools;

/// <summary>
/// A millisecond clock (<see cref="Environment.TickCount64"/>'s scale) that is cheap to read: a field the runtimes' epoch
/// tickers refresh on every tick (<see cref="Refresh"/>), so the call path stamps the instances it gives back without
/// asking the operating system for the time on every call. It lags the real clock by at most one epoch tick (10 ms
/// by default) while a runtime runs; the pools' idle retirement, the only reader, works in seconds.
/// </summary>
internal static class CoarseClock
{
    private static long s_milliseconds = Environment.TickCount64;

    /// <summary>The time of the last refresh, in <see cref="Environment.TickCount64"/> milliseconds.</summary>
    public static long Milliseconds => Volatile.Read(ref s_milliseconds);

    /// <summary>Reads the real clock into <see cref="Milliseconds"/>; returns it.</summary>
    public static long Refresh()
    {
        var now = Environment.TickCount64;
        Volatile.Write(ref s_milliseconds, now);
        return now;
    }
}
