namespace Wippy.Registry;

/// <summary>
/// An entry whose kind this front end does not parse into a typed entry: either a kind of docs/registry.md#kinds not implemented
/// yet (accepted silently) or an unknown kind (reported as a warning). Kind, name and meta are kept.
/// </summary>
public sealed class UnknownEntry : RegistryEntry
{
    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Every root field (other than <c>name</c>, <c>kind</c>, <c>meta</c>) whose value is a scalar, as text.</summary>
    public IReadOnlyDictionary<string, string> ScalarFields { get; init; } = NoValues;

    /// <summary>Whether the kind is one of docs/registry.md#kinds-not-run-yet (<see cref="RegistryKinds.KnownNotImplemented"/>).</summary>
    public bool IsKnownKind => RegistryKinds.IsKnown(Kind);
}
