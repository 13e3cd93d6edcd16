using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Clocks;

/// <summary>
/// wasi:clocks/wall-clock: <c>now</c> and <c>resolution</c> as a <c>datetime</c> record (seconds and nanoseconds
/// since the Unix epoch, UTC).
/// </summary>
internal static class WallClockInterface
{
    /// <summary>.NET's wall clock counts in ticks of 100 ns.</summary>
    private const uint ResolutionNanoseconds = 100;

    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:clocks/wall-clock", [], new Dictionary<string, HostFunction>
    {
        ["now"] = (_, _, results) => results[0] = DateTimeRecord(DateTime.UtcNow),
        ["resolution"] = (_, _, results) => results[0] = DateTimeRecord(0, ResolutionNanoseconds),
    });

    /// <summary>The <c>datetime</c> of a UTC time (times before 1970 are 1970: the record has no sign).</summary>
    public static ComponentVal DateTimeRecord(DateTime utc)
    {
        var ticks = Math.Max(0, utc.Ticks - DateTime.UnixEpoch.Ticks);
        return DateTimeRecord((ulong)(ticks / TimeSpan.TicksPerSecond), (uint)(ticks % TimeSpan.TicksPerSecond * 100));
    }

    /// <summary>record datetime { seconds: u64, nanoseconds: u32 }.</summary>
    private static ComponentVal DateTimeRecord(ulong seconds, uint nanoseconds)
    {
        var record = ComponentVal.OwnedRecord(2);
        ComponentVal.SetField(ref record, 0, "seconds", ComponentVal.U64(seconds));
        ComponentVal.SetField(ref record, 1, "nanoseconds", ComponentVal.U32(nanoseconds));
        return record;
    }
}
