namespace Wippy.Host.Registry;

/// <summary>
/// A registry entry as data, emitted by the source generator from an <c>_index.yaml</c> entry. The host
/// loads entries from these descriptors; it never parses YAML at run time.
/// </summary>
public abstract class EntryDescriptor
{
    /// <summary>Creates a descriptor.</summary>
    /// <param name="id">The entry id, <c>namespace:name</c>.</param>
    /// <param name="kind">The entry kind, e.g. <c>function.wasm</c>.</param>
    /// <param name="declaredAt">Where the entry is declared, <c>path/_index.yaml:line</c> relative to the registry root.</param>
    protected EntryDescriptor(string id, string kind, string declaredAt)
    {
        Id = id;
        Kind = kind;
        DeclaredAt = declaredAt;
    }

    /// <summary>The entry id, <c>namespace:name</c>.</summary>
    public string Id { get; }

    /// <summary>The entry kind, e.g. <c>function.wasm</c>.</summary>
    public string Kind { get; }

    /// <summary>Where the entry is declared, <c>path/_index.yaml:line</c> relative to the registry root.</summary>
    public string DeclaredAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Kind})";
}
