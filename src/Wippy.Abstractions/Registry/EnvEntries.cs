namespace Wippy.Registry;

/// <summary>
/// An <c>env.variable</c> entry (docs/registry.md#envvariable): a named value looked up in a storage when it is needed (for example when
/// a guest's <c>wasi.env</c> binds it), with a default when the storage does not have it.
/// </summary>
public sealed class EnvVariableEntry : RegistryEntry
{
    /// <summary>The variable's name in its storage (<c>variable</c>); the entry's name when not written.</summary>
    public string Variable { get; init; } = "";

    /// <summary>The <c>env.storage.*</c> entry it is looked up in (<c>storage</c>), or null for the process environment.</summary>
    public EntryRef? Storage { get; init; }

    /// <summary>The value when the storage does not have the variable (<c>default</c>), or null.</summary>
    public string? Default { get; init; }

    /// <summary><c>readonly</c>: the value may not be changed through this entry.</summary>
    public bool ReadOnly { get; init; }
}

/// <summary>
/// An <c>env.storage.*</c> entry (docs/registry.md#envstorage): where <c>env.variable</c> values live. <c>os</c>: the process
/// environment; <c>static</c>: the <c>values</c> written in the registry; <c>file</c>: a <c>.env</c> file
/// (<c>file_path</c>, relative to the YAML file; <c>auto_create</c>); <c>router</c>: the first of its
/// <c>storages</c> that has the variable; <c>memory</c>: values kept in memory while the app runs.
/// </summary>
public sealed class EnvStorageEntry : RegistryEntry
{
    /// <summary><c>env.storage.static</c>: its values by variable name.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    /// <summary><c>env.storage.file</c>: <c>file_path</c> as written, or null (<see cref="RegistryEntry.FilePath"/> is the YAML file).</summary>
    public string? EnvFilePath { get; init; }

    /// <summary><c>env.storage.file</c>: the file's full path (a relative path is relative to the YAML file).</summary>
    public string? ResolvedFilePath { get; init; }

    /// <summary><c>env.storage.file</c>: <c>auto_create</c>, create the file when it does not exist.</summary>
    public bool AutoCreate { get; init; }

    /// <summary><c>env.storage.router</c>: the storages asked in order.</summary>
    public IReadOnlyList<EntryRef> Storages { get; init; } = Array.Empty<EntryRef>();
}
