namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>
/// wasi:filesystem's <c>descriptor</c>: an open directory or file below a <see cref="Preopen"/>. A directory holds no
/// host handle (every <c>*-at</c> call resolves its path again, inside the mount); a file holds its
/// <see cref="FileStream"/>, which streams and reads share (each with its own offset).
/// </summary>
internal sealed class Descriptor : IDisposable
{
    private Descriptor(Preopen root, IReadOnlyList<string> components, FileStream? file, bool read, bool write, bool mutateDirectory)
    {
        Root = root;
        Components = components;
        File = file;
        CanRead = read;
        CanWrite = write;
        CanMutateDirectory = mutateDirectory;
    }

    /// <summary>The mount it is below.</summary>
    public Preopen Root { get; }

    /// <summary>Its path below the mount, as components.</summary>
    public IReadOnlyList<string> Components { get; }

    /// <summary>The open file, or null for a directory.</summary>
    public FileStream? File { get; }

    /// <summary>Whether it is a directory.</summary>
    public bool IsDirectory => File is null;

    /// <summary>Opened with the <c>read</c> flag.</summary>
    public bool CanRead { get; }

    /// <summary>Opened with the <c>write</c> flag.</summary>
    public bool CanWrite { get; }

    /// <summary>Opened with <c>mutate-directory</c> (a directory whose entries may be created, renamed, removed).</summary>
    public bool CanMutateDirectory { get; }

    /// <summary>Its full host path.</summary>
    public string HostPath => SandboxPath.HostPath(Root, Components);

    /// <summary>The descriptor of a mount's directory.</summary>
    public static Descriptor ForPreopen(Preopen root) => new(root, [], null, true, false, root.Writable);

    /// <summary>A directory below the mount.</summary>
    public static Descriptor Directory(Preopen root, IReadOnlyList<string> components, bool mutate) => new(root, components, null, true, false, mutate);

    /// <summary>An open file.</summary>
    public static Descriptor ForFile(Preopen root, IReadOnlyList<string> components, FileStream file, bool read, bool write) =>
        new(root, components, file, read, write, false);

    /// <summary>The open file, for an operation on files.</summary>
    /// <exception cref="FilesystemError"><c>is-directory</c> for a directory.</exception>
    public FileStream RequireFile() => File ?? throw new FilesystemError("is-directory");

    /// <summary>Throws unless the descriptor is a directory.</summary>
    /// <exception cref="FilesystemError"><c>not-directory</c>.</exception>
    public void RequireDirectory()
    {
        if (!IsDirectory) throw new FilesystemError("not-directory");
    }

    /// <summary>Throws unless entries of this directory may be changed (a writable mount, opened to mutate).</summary>
    /// <exception cref="FilesystemError"><c>not-permitted</c>.</exception>
    public void RequireMutable()
    {
        RequireDirectory();
        if (!Root.Writable || !CanMutateDirectory) throw new FilesystemError("not-permitted", "the mount is read-only");
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => File?.Dispose();
}
