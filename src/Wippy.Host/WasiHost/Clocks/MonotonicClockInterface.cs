using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Clocks;

/// <summary>
/// wasi:clocks/monotonic-clock: <c>now</c>, <c>resolution</c>, and subscriptions (pollables ready at an instant or
/// after a duration, in nanoseconds of <see cref="MonotonicTime"/>).
/// </summary>
internal static class MonotonicClockInterface
{
    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:clocks/monotonic-clock", [], new Dictionary<string, HostFunction>
    {
        ["now"] = (_, _, results) => results[0] = ComponentVal.U64(MonotonicTime.NowNanoseconds()),
        ["resolution"] = (_, _, results) => results[0] = ComponentVal.U64(MonotonicTime.ResolutionNanoseconds),
        ["subscribe-instant"] = (call, args, results) =>
            results[0] = call.Own(PollInterface.PollableType, new TimerPollable(MonotonicTime.ToTimestamp(args[0].AsU64()))),
        ["subscribe-duration"] = (call, args, results) =>
            results[0] = call.Own(PollInterface.PollableType, new TimerPollable(MonotonicTime.FromNow(args[0].AsU64()))),
    });
}
