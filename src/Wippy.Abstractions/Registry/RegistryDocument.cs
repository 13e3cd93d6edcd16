namespace Wippy.Registry;

/// <summary>One parsed registry file (<c>_index.yaml</c>): its namespace and its entries.</summary>
public sealed class RegistryDocument
{
    /// <summary>Creates a document.</summary>
    /// <param name="filePath">The YAML file's path as given to the parser.</param>
    /// <param name="version">The <c>version</c> field, or <see langword="null"/> when absent.</param>
    /// <param name="ns">The <c>namespace</c> field.</param>
    /// <param name="entries">The entries, in file order.</param>
    public RegistryDocument(string filePath, string? version, string ns, IReadOnlyList<RegistryEntry> entries)
    {
        FilePath = filePath;
        Version = version;
        Namespace = ns;
        Entries = entries;
    }

    /// <summary>The YAML file's path as given to the parser.</summary>
    public string FilePath { get; }

    /// <summary>The optional <c>version</c> field (<c>"1.0"</c>), or <see langword="null"/>.</summary>
    public string? Version { get; }

    /// <summary>The file's namespace, such as <c>app.api.v2</c>; every entry's id starts with it.</summary>
    public string Namespace { get; }

    /// <summary>The entries that have a <c>name</c> and a <c>kind</c>, in file order (entries missing either are reported and left out).</summary>
    public IReadOnlyList<RegistryEntry> Entries { get; }
}
