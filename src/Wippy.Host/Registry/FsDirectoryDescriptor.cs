namespace Wippy.Host.Registry;

/// <summary>An <c>fs.directory</c> entry: a directory of the host's file system.</summary>
/// <param name="id">The entry id.</param>
/// <param name="directory">The directory, relative to the registry root (or absolute).</param>
/// <param name="declaredAt">Where the entry is declared.</param>
public sealed class FsDirectoryDescriptor(string id, string directory, string declaredAt)
    : EntryDescriptor(id, "fs.directory", declaredAt)
{
    /// <summary>The directory, relative to the registry root (or absolute).</summary>
    public string Directory { get; } = directory;
}
