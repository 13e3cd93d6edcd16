namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>
/// Resolves a guest's path inside the mount it starts from, never outside it: a path is a list of components below
/// the mount's directory; <c>..</c> above the mount, an absolute path, or a symbolic link whose target is absolute or
/// leads above the mount fails with <c>not-permitted</c> (what Wasmtime's WASI answers). Links inside the mount are
/// followed component by component (at most 40, then <c>loop</c>).
/// </summary>
internal static class SandboxPath
{
    private const int MaxLinks = 40;

    /// <summary>
    /// The components (below <paramref name="root"/>) of <paramref name="path"/> taken from the directory
    /// <paramref name="start"/>; the last component's link is followed only when <paramref name="followLast"/>.
    /// </summary>
    /// <exception cref="FilesystemError">The path escapes, is empty, holds a NUL, or loops.</exception>
    public static List<string> Resolve(Preopen root, IReadOnlyList<string> start, string path, bool followLast)
    {
        if (path.Length == 0) throw new FilesystemError("no-entry", "an empty path");
        if (path.Contains('\0')) throw new FilesystemError("invalid", "a path with a NUL character");
        var resolved = new List<string>(start);
        var links = 0;
        Walk(root, resolved, path, followLast, ref links);
        return resolved;
    }

    /// <summary>The host path of <paramref name="components"/> below <paramref name="root"/>.</summary>
    public static string HostPath(Preopen root, IReadOnlyList<string> components) =>
        components.Count == 0 ? root.Host : Path.Combine(root.Host, string.Join('/', components));

    private static void Walk(Preopen root, List<string> resolved, string path, bool followLast, ref int links)
    {
        if (path.StartsWith('/')) throw new FilesystemError("not-permitted", "an absolute path");
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part == ".") continue;
            if (part == "..")
            {
                if (resolved.Count == 0) throw new FilesystemError("not-permitted", "a path that leaves the mount");
                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var last = i == parts.Length - 1;
            resolved.Add(part);
            if (last && !followLast) continue;
            var target = LinkTarget(HostPath(root, resolved));
            if (target is null) continue;
            if (++links > MaxLinks) throw new FilesystemError("loop", "too many symbolic links");
            resolved.RemoveAt(resolved.Count - 1);
            Walk(root, resolved, target, followLast: true, ref links);
        }
        // A trailing slash ("dir/") asks for the directory itself: nothing more to do.
    }

    private static string? LinkTarget(string hostPath)
    {
        try
        {
            return new FileInfo(hostPath).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
