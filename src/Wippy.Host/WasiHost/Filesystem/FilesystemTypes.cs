using Wippy.Host.GeneratedCode;

namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>The values of wasi:filesystem/types: descriptor types, stats, timestamps, results with an <c>error-code</c>.</summary>
internal static class FilesystemTypes
{
    /// <summary>The <c>descriptor-type</c> of a file system entry (a link is reported as a link, not followed).</summary>
    public static string TypeOf(FileSystemInfo info)
    {
        if (info.LinkTarget is not null) return "symbolic-link";
        if (info is DirectoryInfo || (info.Attributes & FileAttributes.Directory) != 0) return "directory";
        return (info.Attributes & FileAttributes.Device) != 0 ? "character-device" : "regular-file";
    }

    /// <summary>The <c>descriptor-stat</c> of <paramref name="hostPath"/> (following links when <paramref name="follow"/>).</summary>
    /// <exception cref="FilesystemError"><c>no-entry</c> when nothing is there.</exception>
    public static ComponentVal Stat(string hostPath, bool follow)
    {
        FileSystemInfo info = Directory.Exists(hostPath) ? new DirectoryInfo(hostPath) : new FileInfo(hostPath);
        if (!info.Exists && info.LinkTarget is null) throw new FilesystemError("no-entry");
        if (follow && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true } target) info = target;
        var type = TypeOf(info);
        var size = info is FileInfo file && type == "regular-file" ? (ulong)file.Length : 0;
        var stat = ComponentVal.OwnedRecord(6);
        ComponentVal.SetField(ref stat, 0, "type", ComponentVal.OwnedEnum(type));
        ComponentVal.SetField(ref stat, 1, "link-count", ComponentVal.U64(1));
        ComponentVal.SetField(ref stat, 2, "size", ComponentVal.U64(size));
        ComponentVal.SetField(ref stat, 3, "data-access-timestamp", ComponentVal.OwnedSome(DateTime(info.LastAccessTimeUtc)));
        ComponentVal.SetField(ref stat, 4, "data-modification-timestamp", ComponentVal.OwnedSome(DateTime(info.LastWriteTimeUtc)));
        ComponentVal.SetField(ref stat, 5, "status-change-timestamp", ComponentVal.OwnedSome(DateTime(info.LastWriteTimeUtc)));
        return stat;
    }

    /// <summary>The <c>descriptor-stat</c> of what the kernel said of an object (<see cref="LinuxFiles.Stat"/>).</summary>
    public static ComponentVal StatRecord(FileStat stat)
    {
        var record = ComponentVal.OwnedRecord(6);
        ComponentVal.SetField(ref record, 0, "type", ComponentVal.OwnedEnum(stat.Type));
        ComponentVal.SetField(ref record, 1, "link-count", ComponentVal.U64(stat.LinkCount));
        ComponentVal.SetField(ref record, 2, "size", ComponentVal.U64(stat.Size));
        ComponentVal.SetField(ref record, 3, "data-access-timestamp", ComponentVal.OwnedSome(DateTime(stat.Access)));
        ComponentVal.SetField(ref record, 4, "data-modification-timestamp", ComponentVal.OwnedSome(DateTime(stat.Modification)));
        ComponentVal.SetField(ref record, 5, "status-change-timestamp", ComponentVal.OwnedSome(DateTime(stat.StatusChange)));
        return record;
    }

    private static ComponentVal DateTime(System.DateTime utc) => Clocks.WallClockInterface.DateTimeRecord(utc);

    /// <summary>The UTC time of a <c>datetime</c> record.</summary>
    public static System.DateTime FromDateTime(in ComponentVal record)
    {
        var fields = record.AsRecord();
        var seconds = fields[0].Value.AsU64();
        var nanoseconds = fields[1].Value.AsU32();
        return System.DateTime.UnixEpoch.AddTicks((long)Math.Min(seconds, (ulong)(long.MaxValue / TimeSpan.TicksPerSecond / 2)) * TimeSpan.TicksPerSecond + nanoseconds / 100);
    }

    /// <summary><c>err(error-code)</c>.</summary>
    public static ComponentVal Err(string code) => ComponentVal.OwnedErr(ComponentVal.OwnedEnum(code));
}
