namespace Wippy.Registry;

/// <summary>An <c>fs.directory</c> entry (a directory on disk exposed as a filesystem) or an <c>fs.embed</c> entry (its files embedded in the app).</summary>
public sealed class FsDirectoryEntry : RegistryEntry
{
    /// <summary><c>directory</c> as written; <see langword="null"/> only when missing (an error was reported).</summary>
    public string? Directory { get; init; }

    /// <summary>The directory's full path; a relative <c>directory</c> is relative to the YAML file's directory (docs/registry.md#paths).</summary>
    public string? ResolvedDirectory { get; init; }

    /// <summary><c>auto_init</c>: create the directory when it does not exist.</summary>
    public bool AutoInit { get; init; }

    /// <summary><c>mode</c> as written (octal, such as <c>0755</c>), or <see langword="null"/>.</summary>
    public string? Mode { get; init; }

    /// <summary>The numeric value of <see cref="Mode"/> (0755 → 493), or <see langword="null"/>.</summary>
    public int? ModeValue { get; init; }

    /// <summary>
    /// <c>include</c> of an <c>fs.embed</c> entry: the files to embed (see <see cref="IncludePattern"/>); empty means
    /// every file of the directory.
    /// </summary>
    public IReadOnlyList<IncludePattern> Include { get; init; } = Array.Empty<IncludePattern>();

    /// <summary>Whether the file at <paramref name="relativePath"/> (relative to the directory, <c>/</c>-separated) is embedded.</summary>
    public bool Embeds(string relativePath) => Include.Count == 0 || Include.Any(p => p.Matches(relativePath));

    /// <summary>True for <c>fs.embed</c>: the directory's files are embedded in the app at build time and read-only.</summary>
    public bool IsEmbedded => string.Equals(Kind, RegistryKinds.FsEmbed, StringComparison.Ordinal);
}
