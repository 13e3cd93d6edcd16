using System.Runtime.InteropServices;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// The Linux system calls the fault tests use to make a fault real rather than pretend it: a FIFO where a file was,
/// and mounts (a small tmpfs that fills up, a read-only bind mount), which need root (CAP_SYS_ADMIN).
/// </summary>
internal static partial class UnixFaults
{
    private const ulong MsReadOnly = 1;
    private const ulong MsRemount = 32;
    private const ulong MsBind = 4096;
    private const int MntDetach = 2;

    /// <summary>Whether the process runs as root (then permission bits do not stop it from writing).</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>Makes a FIFO (named pipe) at <paramref name="path"/>.</summary>
    public static void MakeFifo(string path)
    {
        if (mkfifo(path, 0x1B6 /* 0666 */) != 0) throw new IOException($"mkfifo {path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
    }

    /// <summary>
    /// Lets a reader blocked in opening or reading the FIFO <paramref name="path"/> go on: opens it for reading and
    /// writing (on Linux that never waits) and closes it at once, so a blocked reader sees a writer come and go (end of
    /// file). Does nothing to a reader that is not there.
    /// </summary>
    public static void ReleaseFifoReaders(string path)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
    }

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/> bytes on <paramref name="directory"/>; null, or why it could not.</summary>
    public static string? MountTmpfs(string directory, long bytes) =>
        Error(mount("tmpfs", directory, "tmpfs", 0, $"size={bytes},mode=0755"), $"mount -t tmpfs -o size={bytes} tmpfs {directory}");

    /// <summary>Mounts <paramref name="directory"/> on itself read-only (its files stay readable); null, or why it could not.</summary>
    public static string? MountReadOnly(string directory) =>
        Error(mount(directory, directory, null, MsBind, null), $"mount --bind {directory} {directory}")
        ?? Error(mount(null, directory, null, MsRemount | MsBind | MsReadOnly, null), $"mount -o remount,bind,ro {directory}");

    /// <summary>Unmounts what is mounted on <paramref name="directory"/> (lazily: even while something still uses it).</summary>
    public static void Unmount(string directory) => umount2(directory, MntDetach);

    private static string? Error(int result, string what) =>
        result == 0 ? null : $"{what} failed: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}";

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mkfifo(string path, uint mode);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int mount(string? source, string target, string? type, ulong flags, string? data);

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int umount2(string target, int flags);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
