using Microsoft.Win32.SafeHandles;

namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>
/// Where a guest's file operation touches the host, made safe against paths that change under it. A path checked by
/// <see cref="SandboxPath"/> can be changed by someone else before it is used (a directory swapped for a symbolic link
/// that leads out of the mount, by another process or another guest on the same mount); so on Linux every operation
/// works on handles the kernel opened below the mount's directory (<see cref="LinuxFiles.OpenBeneath"/>):
/// <list type="bullet">
/// <item>opening a file, reading a directory, and reading metadata use a handle to the object itself;</item>
/// <item>operations on a directory entry (create, remove, rename, link, read a link) use a handle to the entry's
/// directory and the entry's name, through <c>/proc/self/fd/N/name</c>: the kernel resolves <c>N</c> to that very
/// directory, and these operations do not follow a link in the last component.</item>
/// </list>
/// Elsewhere (macOS, Windows, or a Linux without <c>openat2</c>) the checked host path is used as it is, and such a
/// swap during the call is not caught (docs/runtime.md#wasi).
/// </summary>
internal static class BeneathMount
{
    private const int ErrnoCrossDevice = 18; // EXDEV: openat2 with RESOLVE_BENEATH refused to leave the directory

    /// <summary>Whether operations go through kernel-checked handles (Linux with <c>openat2</c>).</summary>
    public static bool Enforced => LinuxFiles.Supported;

    /// <summary>
    /// A handle to <paramref name="components"/> below <paramref name="root"/>, opened with the <c>O_*</c>
    /// <paramref name="flags"/>; Linux only (<see cref="Enforced"/>).
    /// </summary>
    /// <exception cref="FilesystemError">The open failed (<c>not-permitted</c> when the path now leaves the mount).</exception>
    public static SafeFileHandle Open(Preopen root, IReadOnlyList<string> components, int flags, int mode = 0)
    {
        using var directory = LinuxFiles.OpenDirectory(root.Host, out var errno);
        if (directory.IsInvalid) throw Failed(errno);
        var handle = LinuxFiles.OpenBeneath(directory, components.Count == 0 ? "." : string.Join('/', components), flags, mode, out errno);
        if (handle.IsInvalid) throw Failed(errno);
        return handle;
    }

    /// <summary>
    /// A host path for an operation on the last of <paramref name="components"/> that does not follow a link there
    /// (create, remove, rename, read a link), valid until the returned value is disposed.
    /// </summary>
    public static PinnedEntry Entry(Preopen root, IReadOnlyList<string> components)
    {
        if (!Enforced || components.Count == 0) return new PinnedEntry(SandboxPath.HostPath(root, components), null);
        var parent = Open(root, components.Take(components.Count - 1).ToList(), LinuxFiles.OPath | LinuxFiles.ODirectory);
        return new PinnedEntry($"/proc/self/fd/{parent.DangerousGetHandle()}/{components[^1]}", parent);
    }

    /// <summary>
    /// A host path that names the directory <paramref name="components"/> itself (for reading its entries), valid
    /// until the returned value is disposed.
    /// </summary>
    public static PinnedEntry Directory(Preopen root, IReadOnlyList<string> components)
    {
        if (!Enforced) return new PinnedEntry(SandboxPath.HostPath(root, components), null);
        var handle = Open(root, components, LinuxFiles.OPath | LinuxFiles.ODirectory);
        return new PinnedEntry($"/proc/self/fd/{handle.DangerousGetHandle()}", handle);
    }

    /// <summary>What <paramref name="components"/> refers to (the link itself when <paramref name="follow"/> is false); Linux only.</summary>
    public static FileStat Stat(Preopen root, IReadOnlyList<string> components, bool follow)
    {
        using var handle = Open(root, components, LinuxFiles.OPath | (follow ? 0 : LinuxFiles.ONoFollow));
        return LinuxFiles.Stat(handle);
    }

    private static FilesystemError Failed(int errno) => errno == ErrnoCrossDevice
        ? new FilesystemError("not-permitted", "a path that leaves the mount")
        : new FilesystemError(FilesystemError.FromErrno(errno) ?? "io", $"errno {errno}");
}

/// <summary>A host path that stays bound to the directory it was resolved in while the handle it holds is open.</summary>
internal readonly struct PinnedEntry(string path, SafeFileHandle? handle) : IDisposable
{
    /// <summary>The host path to operate on.</summary>
    public string Path { get; } = path;

    /// <summary>Closes the directory handle the path goes through.</summary>
    public void Dispose() => handle?.Dispose();
}
