namespace Wippy.Host.Registry;

/// <summary>Every entry of an app's registry, as emitted by the source generator (<c>WippyRegistry.CreateManifest()</c>).</summary>
public sealed class RegistryManifest
{
    private readonly Dictionary<string, EntryDescriptor> _byId;

    /// <summary>Creates a manifest; ids must be unique (the generator guarantees it).</summary>
    public RegistryManifest(IEnumerable<EntryDescriptor> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries.OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
        _byId = new Dictionary<string, EntryDescriptor>(StringComparer.Ordinal);
        foreach (var e in Entries)
        {
            if (!_byId.TryAdd(e.Id, e)) throw new ArgumentException($"duplicate entry id '{e.Id}'", nameof(entries));
        }
    }

    /// <summary>
    /// The app assembly the manifest was generated into, which holds what the build embedded (fs.embed files,
    /// precompiled modules); null for a manifest built by hand.
    /// </summary>
    public System.Reflection.Assembly? AppAssembly { get; init; }

    /// <summary>The entries, ordered by id.</summary>
    public IReadOnlyList<EntryDescriptor> Entries { get; }

    /// <summary>The entry with <paramref name="id"/>, or null.</summary>
    public EntryDescriptor? Find(string id) => _byId.GetValueOrDefault(id);
}
