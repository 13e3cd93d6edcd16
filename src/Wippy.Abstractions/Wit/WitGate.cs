using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>Which feature gate an item carries.</summary>
public enum WitGateKind
{
    /// <summary><c>@since(version = x.y.z)</c>: the item exists from that version on.</summary>
    Since,
    /// <summary><c>@unstable(feature = name)</c>: the item belongs to an unstable feature.</summary>
    Unstable,
    /// <summary><c>@deprecated(version = x.y.z)</c>: the item should not be used from that version on.</summary>
    Deprecated,
}

/// <summary>A feature gate written before an item, such as <c>@since(version = 0.2.0)</c>.</summary>
/// <param name="Kind">Which gate.</param>
/// <param name="Value">The version (for <c>@since</c> and <c>@deprecated</c>) or the feature name (for <c>@unstable</c>).</param>
/// <param name="Position">Where the gate is written.</param>
public sealed record WitGate(WitGateKind Kind, string Value, SourcePosition Position)
{
    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        WitGateKind.Unstable => "@unstable(feature = " + Value + ")",
        WitGateKind.Deprecated => "@deprecated(version = " + Value + ")",
        _ => "@since(version = " + Value + ")",
    };
}
