namespace Wippy.Registry;

/// <summary>How a <see cref="RegistryText"/> value was written in the YAML.</summary>
public enum RegistryTextStyle
{
    /// <summary>A plain scalar (<c>source: file://answer.wat</c>).</summary>
    Plain,
    /// <summary>A <c>'single-quoted'</c> scalar.</summary>
    SingleQuoted,
    /// <summary>A <c>"double-quoted"</c> scalar.</summary>
    DoubleQuoted,
    /// <summary>A literal block scalar (<c>|</c>): lines kept as written.</summary>
    Literal,
    /// <summary>A folded block scalar (<c>&gt;</c>): lines joined with spaces.</summary>
    Folded,
}
