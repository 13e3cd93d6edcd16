using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// One entry of a registry file: <c>name</c>, <c>kind</c>, optional <c>meta</c>, and the kind's own fields at the
/// entry's root. Subclasses carry the typed fields of the kinds this front end implements.
/// </summary>
public abstract class RegistryEntry
{
    private static readonly IReadOnlyDictionary<string, SourcePosition> NoFields = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);

    /// <summary>The entry's <c>name</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>The entry's <c>kind</c> as written, such as <c>function.wasm</c>.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary>The namespace of the file the entry is in.</summary>
    public string Namespace { get; init; } = string.Empty;

    /// <summary>The entry's id: <c>namespace:name</c>.</summary>
    public string Id => Namespace + ":" + Name;

    /// <summary>The entry's <c>meta</c> block (empty when absent).</summary>
    public EntryMeta Meta { get; init; } = EntryMeta.Empty;

    /// <summary>Where the entry starts: its first key (normally <c>name</c>, right after the list item's <c>- </c>).</summary>
    public SourcePosition Position { get; init; } = SourcePosition.At(string.Empty, 1, 1);

    /// <summary>Where the <c>name</c> value is.</summary>
    public SourcePosition NamePosition { get; init; } = SourcePosition.At(string.Empty, 1, 1);

    /// <summary>Where the <c>kind</c> value is.</summary>
    public SourcePosition KindPosition { get; init; } = SourcePosition.At(string.Empty, 1, 1);

    /// <summary>The position of the value of each field written at the entry's root, keyed by field name.</summary>
    public IReadOnlyDictionary<string, SourcePosition> FieldPositions { get; init; } = NoFields;

    /// <summary>The YAML file the entry is in.</summary>
    public string FilePath => Position.FilePath;

    /// <summary>The position of <paramref name="field"/>'s value, or the entry's position when the field is absent.</summary>
    /// <param name="field">A root field name such as <c>hash</c>.</param>
    public SourcePosition PositionOf(string field) =>
        FieldPositions.TryGetValue(field, out var position) ? position : Position;

    /// <summary>Whether the field was written at the entry's root.</summary>
    /// <param name="field">A root field name such as <c>pool</c>.</param>
    public bool HasField(string field) => FieldPositions.ContainsKey(field);

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Kind})";
}
