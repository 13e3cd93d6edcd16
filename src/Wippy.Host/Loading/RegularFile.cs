using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using Wippy.Host.WasiHost.Filesystem;

namespace Wippy.Host.Loading;

/// <summary>
/// Reads the files the runtime loads code from (module binaries, compiled-code cache files), and only if they are
/// regular files. A plain read would wait forever on a FIFO nobody writes to (the open itself blocks) and never end on
/// a device such as <c>/dev/zero</c>. On Unix the file is opened without waiting (<c>O_NONBLOCK</c>) and its type is
/// read from the open handle (Linux: <c>statx</c>; elsewhere, or where <c>statx</c> is missing: whether it can seek,
/// which FIFOs, sockets and terminals cannot), so nothing swapped in between the check and the read is read; then
/// exactly the size the file had when opened is read.
/// </summary>
internal static partial class RegularFile
{
    /// <summary>The whole of <paramref name="path"/>.</summary>
    /// <exception cref="NotRegularFileException">The path names a directory, a FIFO, a device or a socket.</exception>
    /// <exception cref="FileNotFoundException">Nothing is there.</exception>
    /// <exception cref="UnauthorizedAccessException">It may not be read.</exception>
    /// <exception cref="IOException">It cannot be read for another reason (the message says which).</exception>
    public static byte[] ReadAllBytes(string path)
    {
        using var handle = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()
            ? OpenWithoutWaiting(path)
            : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = RandomAccess.GetLength(handle);
        if (length > Array.MaxLength) throw new IOException($"{path} is too large to read ({length} bytes)");
        var bytes = new byte[length];
        var read = 0;
        while (read < bytes.Length)
        {
            var count = RandomAccess.Read(handle, bytes.AsSpan(read), read);
            if (count == 0) break; // it shrank while read: the caller checks the contents (hash or checksum) anyway
            read += count;
        }
        return read == bytes.Length ? bytes : bytes[..read];
    }

    private static SafeFileHandle OpenWithoutWaiting(string path)
    {
        var handle = Open(path);
        try
        {
            if (TypeOf(handle) is { } type) throw new NotRegularFileException(path, type);
            return handle;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private static unsafe SafeFileHandle Open(string path)
    {
        // O_RDONLY | O_NONBLOCK | O_CLOEXEC: opening a FIFO for reading returns at once instead of waiting for a writer.
        var flags = OperatingSystem.IsMacOS() ? 0x4 | 0x1000000 : LinuxFiles.ONonBlock | LinuxFiles.OCloseOnExec;
        var bytes = System.Text.Encoding.UTF8.GetBytes(path + "\0");
        int fd;
        fixed (byte* p = bytes) fd = open(p, flags, 0);
        if (fd >= 0) return new SafeFileHandle(fd, ownsHandle: true);
        var errno = Marshal.GetLastPInvokeError();
        var reason = Marshal.GetPInvokeErrorMessage(errno);
        throw errno switch
        {
            2 => new FileNotFoundException($"{path}: {reason}", path), // ENOENT
            1 or 13 => new UnauthorizedAccessException($"{path}: {reason}"), // EPERM, EACCES
            _ => new IOException($"{path}: {reason}", errno),
        };
    }

    /// <summary>Null for a regular file; otherwise what it is ("a FIFO", "a directory"…).</summary>
    private static string? TypeOf(SafeFileHandle handle)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                return LinuxFiles.Stat(handle).Type switch
                {
                    "regular-file" => null,
                    "fifo" => "a FIFO",
                    "directory" => "a directory",
                    "character-device" => "a character device",
                    "block-device" => "a block device",
                    "socket" => "a socket",
                    var other => other,
                };
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // a libc without statx: fall through to the check every Unix has
            }
        }
        return lseek(handle, 0, 1 /* SEEK_CUR */) < 0 ? "a file that cannot seek (a FIFO, a socket or a terminal)" : null;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static unsafe partial int open(byte* path, int flags, int mode);

    [LibraryImport("libc")]
    private static partial long lseek(SafeFileHandle handle, long offset, int whence);
}

/// <summary>A path the runtime loads code from names something other than a regular file.</summary>
/// <param name="path">The path.</param>
/// <param name="type">What it is instead ("a FIFO", "a directory"…).</param>
internal sealed class NotRegularFileException(string path, string type) : IOException($"{path} is not a regular file but {type}")
{
    /// <summary>What the path names instead of a regular file ("a FIFO", "a directory"…).</summary>
    public string Type { get; } = type;
}
