using System.Reflection;
using System.Security.Cryptography;

namespace Wippy.Host.Registry;

/// <summary>
/// An <c>fs.embed</c> entry: the files of its directory, embedded in the app at build time as resources named
/// <c>wippy.fs/&lt;entry id&gt;/&lt;path&gt;</c>; read-only. Modules are read from the resources directly; a WASI
/// mount gets them written once to a per-user cache directory named by their hash.
/// </summary>
/// <param name="id">The entry id.</param>
/// <param name="declaredAt">Where the entry is declared.</param>
/// <param name="assembly">The app assembly holding the resources (the generated code passes its own).</param>
public sealed class FsEmbedDescriptor(string id, string declaredAt, Assembly assembly) : EntryDescriptor(id, "fs.embed", declaredAt)
{
    private string Prefix => "wippy.fs/" + Id + "/";

    /// <summary>The assembly the files are embedded in.</summary>
    public Assembly Assembly { get; } = assembly;

    /// <summary>The paths of the embedded files, relative to the entry's directory (<c>mapper.wasm</c>, <c>sub/notes.txt</c>).</summary>
    public IReadOnlyList<string> Files =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n.Substring(Prefix.Length)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The bytes of the file at <paramref name="path"/> (leading <c>/</c> allowed), or null when there is none.</summary>
    public byte[]? ReadFile(string path)
    {
        using var stream = Assembly.GetManifestResourceStream(Prefix + path.TrimStart('/'));
        if (stream is null) return null;
        using var copy = new MemoryStream(checked((int)stream.Length));
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// A directory holding the entry's files (for a read-only WASI mount): <c>&lt;cache&gt;/wippy/embed/&lt;sha256&gt;/</c>,
    /// written once (atomically) and reused while the embedded files stay the same.
    /// </summary>
    public string Extract(string cacheRoot)
    {
        var files = Files.Select(file => (Path: file, Bytes: ReadFile(file)!)).ToList(); // read once: hashed, then maybe written
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (file, bytes) in files)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(file + "\0"));
            hash.AppendData(bytes);
        }
        var directory = Path.Combine(cacheRoot, "wippy", "embed", Convert.ToHexStringLower(hash.GetHashAndReset()));
        if (Directory.Exists(directory)) return directory;
        var temporary = directory + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            foreach (var (file, bytes) in files)
            {
                var target = Path.GetFullPath(Path.Combine(temporary, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, bytes);
            }
            Directory.CreateDirectory(temporary);
            Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
            Directory.Move(temporary, directory);
        }
        catch (IOException) when (Directory.Exists(directory))
        {
            // another process wrote the same files first
        }
        finally
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        }
        return directory;
    }
}
