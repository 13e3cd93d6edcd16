namespace Wippy.Host.Registry;

/// <summary>An <c>env.variable</c> entry: a value looked up in a storage when it is needed (docs/registry.md#envvariable).</summary>
/// <param name="id">The entry id.</param>
/// <param name="declaredAt">Where the entry is declared.</param>
public sealed class EnvVariableDescriptor(string id, string declaredAt) : EntryDescriptor(id, "env.variable", declaredAt)
{
    /// <summary>The variable's name in its storage.</summary>
    public required string Variable { get; init; }

    /// <summary>The id of its <c>env.storage.*</c> entry, or null for the process environment.</summary>
    public string? Storage { get; init; }

    /// <summary>The value when the storage does not have the variable, or null.</summary>
    public string? Default { get; init; }

    /// <summary>Whether setting the value through this entry is refused.</summary>
    public bool ReadOnly { get; init; }
}

/// <summary>An <c>env.storage.*</c> entry: where variable values live (docs/registry.md#envstorage).</summary>
/// <param name="id">The entry id.</param>
/// <param name="kind"><c>env.storage.os</c>, <c>.static</c>, <c>.file</c>, <c>.router</c> or <c>.memory</c>.</param>
/// <param name="declaredAt">Where the entry is declared.</param>
public sealed class EnvStorageDescriptor(string id, string kind, string declaredAt) : EntryDescriptor(id, kind, declaredAt)
{
    /// <summary><c>.static</c>: the values by name.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary><c>.file</c>: the <c>.env</c> file, relative to the registry root (or absolute).</summary>
    public string? File { get; init; }

    /// <summary><c>.file</c>: create the file when it does not exist.</summary>
    public bool AutoCreate { get; init; }

    /// <summary><c>.router</c>: the ids of the storages asked in order.</summary>
    public IReadOnlyList<string> Storages { get; init; } = [];
}
