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

    /// <summary><c>auto_init</c>: the runtime creates the directory when it does not exist.</summary>
    public bool AutoInit { get; init; }

    /// <summary><c>mode</c>: the Unix permissions a directory created by <see cref="AutoInit"/> gets (0755 is 0x1ED), or null.</summary>
    public int? Mode { get; init; }

    /// <summary>
    /// The directory's full path under <paramref name="registryRoot"/>, created first (with <see cref="Mode"/>) when
    /// <see cref="AutoInit"/> is set and it does not exist yet.
    /// </summary>
    /// <param name="registryRoot">The registry root relative paths resolve against.</param>
    public string Resolve(string registryRoot)
    {
        var path = Path.GetFullPath(Path.Combine(registryRoot, Directory));
        if (AutoInit && !System.IO.Directory.Exists(path))
        {
            if (Mode is { } mode && !OperatingSystem.IsWindows())
            {
                System.IO.Directory.CreateDirectory(path, (UnixFileMode)mode);
            }
            else
            {
                System.IO.Directory.CreateDirectory(path);
            }
        }
        return path;
    }
}
