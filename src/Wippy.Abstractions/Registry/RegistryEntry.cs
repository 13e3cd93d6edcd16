using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// One entry of a registry file: <c>name</c>, <c>kind</c>, optional <c>meta</c>, and the kind's own fields at the
/// entry's root. Subclasses carry the typed fields of the kinds this front end implements.
/// </summary>
public abstract class RegistryEntry
{
    private static readonly IReadOnlyDictionary<string, SourcePosition> NoFields = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);

    private string _name = string.Empty;
    private string _kind = string.Empty;
    private string _namespace = string.Empty;
    private EntryMeta _meta = EntryMeta.Empty;
    private SourcePosition _position = SourcePosition.At(string.Empty, 1, 1);
    private SourcePosition _namePosition = SourcePosition.At(string.Empty, 1, 1);
    private SourcePosition _kindPosition = SourcePosition.At(string.Empty, 1, 1);
    private IReadOnlyDictionary<string, SourcePosition> _fieldPositions = NoFields;

    /// <summary>The entry's <c>name</c>.</summary>
    public string Name { get => _name; init => _name = value; }

    /// <summary>The entry's <c>kind</c> as written, such as <c>function.wasm</c>.</summary>
    public string Kind { get => _kind; init => _kind = value; }

    /// <summary>The namespace of the file the entry is in.</summary>
    public string Namespace { get => _namespace; init => _namespace = value; }

    /// <summary>The entry's id: <c>namespace:name</c>.</summary>
    public string Id => Namespace + ":" + Name;

    /// <summary>The entry's <c>meta</c> block (empty when absent).</summary>
    public EntryMeta Meta { get => _meta; init => _meta = value; }

    /// <summary>Where the entry starts: its first key (normally <c>name</c>, right after the list item's <c>- </c>).</summary>
    public SourcePosition Position { get => _position; init => _position = value; }

    /// <summary>Where the <c>name</c> value is.</summary>
    public SourcePosition NamePosition { get => _namePosition; init => _namePosition = value; }

    /// <summary>Where the <c>kind</c> value is.</summary>
    public SourcePosition KindPosition { get => _kindPosition; init => _kindPosition = value; }

    /// <summary>The position of the value of each field written at the entry's root, keyed by field name.</summary>
    public IReadOnlyDictionary<string, SourcePosition> FieldPositions { get => _fieldPositions; init => _fieldPositions = value; }

    /// <summary>The YAML file the entry is in.</summary>
    public string FilePath => Position.FilePath;

    /// <summary>The position of <paramref name="field"/>'s value, or the entry's position when the field is absent.</summary>
    /// <param name="field">A root field name such as <c>hash</c>.</param>
    public SourcePosition PositionOf(string field) =>
        FieldPositions.TryGetValue(field, out var position) ? position : Position;

    /// <summary>Whether the field was written at the entry's root.</summary>
    /// <param name="field">A root field name such as <c>pool</c>.</param>
    public bool HasField(string field) => FieldPositions.ContainsKey(field);

    /// <summary>Sets what every entry has (name, kind, namespace, meta, positions) from the reader's header, once per entry.</summary>
    internal void CopyHeader(EntryHeader header)
    {
        _name = header.Name;
        _kind = header.Kind;
        _namespace = header.Namespace;
        _meta = header.Meta;
        _position = header.Position;
        _namePosition = header.NamePosition;
        _kindPosition = header.KindPosition;
        _fieldPositions = header.FieldPositions;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Kind})";
}
