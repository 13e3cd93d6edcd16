namespace Wippy.Host.Tests.Support;

/// <summary>
/// A test that mounts a file system (a small tmpfs, a read-only bind mount) to make a fault real: it needs Linux and
/// root (CAP_SYS_ADMIN). Where mounting is not permitted (another OS, an unprivileged user or container) the test is
/// skipped, and the skip says why.
/// </summary>
public sealed class MountFactAttribute : FactAttribute
{
    public MountFactAttribute()
    {
        if (MountProbe.Refusal is { } reason) Skip = "needs to mount a file system, which is not permitted here: " + reason;
    }
}

/// <summary>
/// A test that needs a directory it cannot write to. Permission bits (chmod 0555) stop an ordinary user, but not root,
/// so as root the directory is mounted read-only instead; skipped (saying why) only when running as root where
/// mounting is not permitted.
/// </summary>
public sealed class ReadOnlyDirectoryFactAttribute : FactAttribute
{
    public ReadOnlyDirectoryFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "makes a directory read-only with Linux mounts or Unix permissions";
        else if (UnixFaults.IsRoot && MountProbe.Refusal is { } reason) Skip = "runs as root, whom permission bits do not stop, and cannot mount the directory read-only: " + reason;
    }
}

/// <summary>Tries once per test run whether a tmpfs can be mounted here.</summary>
internal static class MountProbe
{
    private static readonly Lazy<string?> Probe = new(Try);

    /// <summary>Null when mounting works; otherwise why not.</summary>
    public static string? Refusal => Probe.Value;

    private static string? Try()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        using var probe = new TempDirectory();
        var error = UnixFaults.MountTmpfs(probe.Path, 4096);
        if (error is null) UnixFaults.Unmount(probe.Path);
        return error;
    }
}
