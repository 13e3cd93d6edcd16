namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>
/// wasi:filesystem's <c>directory-entry-stream</c>: the entries of a directory (without <c>.</c> and <c>..</c>), read
/// once when it is opened, handed out one by one.
/// </summary>
internal sealed class DirectoryEntryStream(IReadOnlyList<(string Type, string Name)> entries)
{
    private int _next;

    /// <summary>The next entry, or null at the end.</summary>
    public (string Type, string Name)? Next() => _next < entries.Count ? entries[_next++] : null;

    /// <summary>The entries of <paramref name="hostPath"/>, each with its descriptor type (links not followed).</summary>
    public static DirectoryEntryStream Read(string hostPath)
    {
        var entries = new List<(string, string)>();
        foreach (var info in new DirectoryInfo(hostPath).EnumerateFileSystemInfos())
        {
            entries.Add((FilesystemTypes.TypeOf(info), info.Name));
        }
        return new DirectoryEntryStream(entries);
    }
}
