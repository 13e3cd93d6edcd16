using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>
/// The Linux system calls that let the kernel keep a guest's paths inside its mount: <c>openat2</c> with
/// <c>RESOLVE_BENEATH</c> (Linux 5.6+) resolves a path below a directory handle and fails with <c>EXDEV</c> when any
/// step, a symbolic link included, would leave it, at the moment of the open (no window between a check and a use);
/// <c>statx</c> reads what a handle refers to. Flag values differ between x86-64 and arm64 where noted.
/// </summary>
internal static unsafe partial class LinuxFiles
{
    private const long SysOpenat2 = 437; // the same number on every architecture (new system calls share one table)
    private const ulong ResolveNoMagicLinks = 0x02;
    private const ulong ResolveBeneath = 0x08;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxBasicStats = 0x7ff;

    public const int OReadOnly = 0;
    public const int OWriteOnly = 1;
    public const int OReadWrite = 2;
    public const int OCreate = 0x40;
    public const int OExclusive = 0x80;
    public const int OTruncate = 0x200;
    public const int ONonBlock = 0x800;
    public const int OCloseOnExec = 0x80000;
    public const int OPath = 0x200000;

    private static readonly bool Arm64 = RuntimeInformation.ProcessArchitecture == Architecture.Arm64;

    /// <summary><c>O_DIRECTORY</c> (0x4000 on arm64, 0x10000 on x86-64).</summary>
    public static int ODirectory => Arm64 ? 0x4000 : 0x10000;

    /// <summary><c>O_NOFOLLOW</c> (0x8000 on arm64, 0x20000 on x86-64).</summary>
    public static int ONoFollow => Arm64 ? 0x8000 : 0x20000;

    /// <summary>Whether this process can use <see cref="OpenBeneath"/>: Linux on x86-64 or arm64 with <c>openat2</c> and <c>/proc</c>.</summary>
    public static bool Supported { get; } = Probe();

    /// <summary>
    /// Opens <paramref name="relative"/> below the directory <paramref name="directory"/> (a handle from
    /// <see cref="OpenDirectory"/>), never outside it: a <c>..</c> or a link that would leave it fails with
    /// <c>EXDEV</c>. <paramref name="flags"/> are <c>O_*</c> flags (<c>O_CLOEXEC</c> is added).
    /// </summary>
    /// <returns>The handle, or an invalid handle with the errno in <paramref name="errno"/>.</returns>
    public static SafeFileHandle OpenBeneath(SafeFileHandle directory, string relative, int flags, int mode, out int errno)
    {
        // openat2 refuses a mode without O_CREAT (EINVAL), unlike openat.
        var how = new OpenHow { Flags = (ulong)(uint)(flags | OCloseOnExec), Mode = (flags & OCreate) != 0 ? (ulong)mode : 0, Resolve = ResolveBeneath | ResolveNoMagicLinks };
        var path = System.Text.Encoding.UTF8.GetBytes(relative + "\0");
        bool added = false;
        directory.DangerousAddRef(ref added);
        try
        {
            fixed (byte* p = path)
            {
                var fd = syscall(SysOpenat2, (nint)directory.DangerousGetHandle(), p, &how, (nuint)sizeof(OpenHow));
                errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
                return new SafeFileHandle((nint)fd, ownsHandle: fd >= 0);
            }
        }
        finally
        {
            if (added) directory.DangerousRelease();
        }
    }

    /// <summary>Opens the directory at the host path <paramref name="hostPath"/> (a mount's root) as a path-only handle.</summary>
    public static SafeFileHandle OpenDirectory(string hostPath, out int errno)
    {
        var path = System.Text.Encoding.UTF8.GetBytes(hostPath + "\0");
        fixed (byte* p = path)
        {
            var fd = open(p, OPath | ODirectory | OCloseOnExec, 0);
            errno = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
            return new SafeFileHandle(fd, ownsHandle: fd >= 0);
        }
    }

    /// <summary>What <paramref name="handle"/> refers to (the object itself: a link opened with <c>O_NOFOLLOW | O_PATH</c> is the link).</summary>
    /// <exception cref="IOException">statx failed (HResult is the errno).</exception>
    public static FileStat Stat(SafeFileHandle handle)
    {
        var buffer = stackalloc byte[256];
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            byte empty = 0;
            if (statx((int)handle.DangerousGetHandle(), &empty, AtEmptyPath, StatxBasicStats, buffer) != 0)
            {
                throw new IOException("statx failed", Marshal.GetLastPInvokeError());
            }
        }
        finally
        {
            if (added) handle.DangerousRelease();
        }
        // struct statx: a fixed layout on every architecture.
        return new FileStat(
            Mode: *(ushort*)(buffer + 28),
            LinkCount: *(uint*)(buffer + 16),
            Inode: *(ulong*)(buffer + 32),
            Size: *(ulong*)(buffer + 40),
            Access: Time(buffer + 64),
            StatusChange: Time(buffer + 96),
            Modification: Time(buffer + 112),
            Device: ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140));
    }

    private static DateTime Time(byte* timestamp) =>
        DateTime.UnixEpoch.AddTicks(*(long*)timestamp * TimeSpan.TicksPerSecond + *(uint*)(timestamp + 8) / 100);

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64)) return false;
        if (!Directory.Exists("/proc/self/fd")) return false;
        try
        {
            using var root = OpenDirectory("/", out _);
            if (root.IsInvalid) return false;
            using var self = OpenBeneath(root, ".", OPath | ODirectory, 0, out _);
            return !self.IsInvalid; // ENOSYS before Linux 5.6; EPERM under some seccomp filters
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct OpenHow
    {
        public ulong Flags;
        public ulong Mode;
        public ulong Resolve;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial long syscall(long number, nint directory, byte* path, OpenHow* how, nuint size);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int open(byte* path, int flags, int mode);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int statx(int directory, byte* path, int flags, uint mask, byte* buffer);
}

/// <summary>What <c>statx</c> says of a file system object.</summary>
internal readonly record struct FileStat(ushort Mode, uint LinkCount, ulong Inode, ulong Size, DateTime Access, DateTime StatusChange, DateTime Modification, ulong Device)
{
    /// <summary>The <c>descriptor-type</c> of the object (from <c>S_IFMT</c>).</summary>
    public string Type => (Mode & 0xF000) switch
    {
        0x4000 => "directory",
        0x8000 => "regular-file",
        0xA000 => "symbolic-link",
        0x2000 => "character-device",
        0x6000 => "block-device",
        0x1000 => "fifo",
        0xC000 => "socket",
        _ => "unknown",
    };
}
