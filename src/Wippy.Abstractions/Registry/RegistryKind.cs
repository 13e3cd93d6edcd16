namespace Wippy.Registry;

/// <summary>How far this runtime supports an entry kind (docs/registry.md#kinds).</summary>
public enum RegistryKindSupport
{
    /// <summary>Parsed, checked and served: a function that runs, data the functions use (fs, env), or what a trigger serves (http.*, by Wippy.Http).</summary>
    Runs,

    /// <summary>Parsed into a typed entry and checked, but not run yet; the generator warns at the entry (WIPPY0040).</summary>
    ParsedNotRun,

    /// <summary>Accepted (kind, name and meta kept as an <see cref="UnknownEntry"/>) but not parsed or run yet; the generator warns (WIPPY0040).</summary>
    AcceptedNotRun,
}

/// <summary>
/// One entry kind, declared once in <see cref="RegistryKinds.All"/>: its name, how its fields are read, and how far it
/// is supported. The later stages find a kind by its entry type: the generator's model builders, the descriptor it
/// emits, and the host's loader (docs/architecture.md#a-new-registry-kind).
/// </summary>
public sealed class RegistryKind
{
    internal RegistryKind(string name, RegistryKindSupport support, string summary, Func<FieldReader, EntryHeader, RegistryEntry>? read, string? notRunYet = null)
    {
        Name = name;
        Support = support;
        Summary = summary;
        Read = read;
        NotRunYet = notRunYet;
    }

    /// <summary>The kind as written in <c>kind:</c>, such as <c>function.wasm</c>.</summary>
    public string Name { get; }

    /// <summary>How far the kind is supported.</summary>
    public RegistryKindSupport Support { get; }

    /// <summary>What an entry of this kind is, in a few words.</summary>
    public string Summary { get; }

    /// <summary>For a kind that does not run yet: what a user is told at the entry (what happens to it instead); null otherwise.</summary>
    public string? NotRunYet { get; }

    /// <summary>Reads the kind's own fields into its typed entry; null for a kind read as an <see cref="UnknownEntry"/>.</summary>
    internal Func<FieldReader, EntryHeader, RegistryEntry>? Read { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
