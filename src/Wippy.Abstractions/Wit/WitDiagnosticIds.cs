namespace Wippy.Wit;

/// <summary>
/// The stable ids of the diagnostics that the WIT lexer, parser and resolver report (WIPPY0100–WIPPY0149).
/// WIPPY0100–0119 come from reading one file (<see cref="WitParser"/>); WIPPY0120–0139 from resolving names
/// across files and packages (<see cref="WitResolver"/>). Every one of them is an error; severities, titles and help
/// links are the entries of <see cref="Wippy.Diagnostics.DiagnosticCatalog"/>.
/// </summary>
public static class WitDiagnosticIds
{
    /// <summary>A character that cannot start any WIT token (for example <c>#</c> or <c>$</c>).</summary>
    public const string UnexpectedCharacter = "WIPPY0100";

    /// <summary>A block comment (<c>/* ... */</c>) or a string literal that is never closed.</summary>
    public const string Unterminated = "WIPPY0101";

    /// <summary>A syntax error: the parser expected one thing and found another (the message says both).</summary>
    public const string Syntax = "WIPPY0102";

    /// <summary>An identifier that is not kebab-case: every word must start with a letter and be all lower or all upper case.</summary>
    public const string InvalidIdentifier = "WIPPY0103";

    /// <summary>A keyword used as a name without the <c>%</c> escape (write <c>%type</c> instead of <c>type</c>).</summary>
    public const string KeywordAsIdentifier = "WIPPY0104";

    /// <summary>A version that is not semantic versioning (<c>MAJOR.MINOR.PATCH</c>, optional <c>-pre</c> and <c>+build</c>).</summary>
    public const string InvalidVersion = "WIPPY0105";

    /// <summary>An unknown or malformed annotation (only <c>@since</c>, <c>@unstable</c>, <c>@deprecated</c> and <c>@external-id</c> exist).</summary>
    public const string InvalidGate = "WIPPY0106";

    /// <summary>The old named-results syntax <c>-&gt; (a: u32, b: u32)</c>; return a tuple or a record instead.</summary>
    public const string NamedResults = "WIPPY0107";

    /// <summary>A misplaced package declaration: <c>package ns:name;</c> must come first and at most once per file.</summary>
    public const string MisplacedPackage = "WIPPY0108";

    /// <summary>A fixed-length list whose length is not a positive integer (<c>list&lt;u8, 0&gt;</c>).</summary>
    public const string InvalidListLength = "WIPPY0109";

    /// <summary>A resource with more than one constructor.</summary>
    public const string DuplicateConstructor = "WIPPY0110";

    /// <summary>An item that the bare signature form (a registry entry's <c>wit:</c> field) does not allow: <c>package</c>, <c>interface</c>, <c>world</c>.</summary>
    public const string NotAllowedInSignatures = "WIPPY0111";

    /// <summary>A type name that is defined nowhere in scope (neither in the interface or world, nor brought in by <c>use</c>).</summary>
    public const string UndefinedType = "WIPPY0120";

    /// <summary>An interface that a <c>use</c>, <c>import</c> or <c>export</c> names but no package defines.</summary>
    public const string UndefinedInterface = "WIPPY0121";

    /// <summary>A package (with that version, when one is written) that none of the given documents declares.</summary>
    public const string UndefinedPackage = "WIPPY0122";

    /// <summary>A world that an <c>include</c> names but no package defines.</summary>
    public const string UndefinedWorld = "WIPPY0123";

    /// <summary>A name defined twice in the same scope (two types, a type and a <c>use</c>, two interfaces of one package...).</summary>
    public const string DuplicateName = "WIPPY0124";

    /// <summary>A <c>use</c> of a name that the target interface does not define.</summary>
    public const string UseOfUnknownName = "WIPPY0125";

    /// <summary>A cycle: <c>type a = b; type b = a;</c>, or interfaces whose <c>use</c>s go round in a circle.</summary>
    public const string Cycle = "WIPPY0126";

    /// <summary>A handle (<c>borrow&lt;x&gt;</c> or <c>own&lt;x&gt;</c>) whose target is not a resource.</summary>
    public const string HandleToNonResource = "WIPPY0127";
}
