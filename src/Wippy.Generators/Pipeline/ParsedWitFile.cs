using Wippy.Wit;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// One <c>.wit</c> AdditionalFile, parsed in its own incremental step, so each file is parsed once per edit and the
/// signature builders of every entry that uses it share the result. Equal when path and text are equal, so an
/// unchanged file is not parsed again; the parse results themselves are not compared.
/// </summary>
internal sealed class ParsedWitFile : IEquatable<ParsedWitFile>
{
    private readonly Lazy<WitParseResult> _signatures;

    private ParsedWitFile(string path, string text, WitParseResult document)
    {
        Path = path;
        Text = text;
        Document = document;
        IsPackage = document.Document is { } d && WitPackageText.IsPackage(d);
        // Read as a signature block only when an entry asks (a package file never is, by a function's wit:); the
        // result stays with this object, which the pipeline keeps while the file is unchanged.
        _signatures = new Lazy<WitParseResult>(() => WitParser.ParseSignatures(text, path));
    }

    public string Path { get; }

    public string Text { get; }

    /// <summary>The file read as a WIT document (a package file: <c>package</c>, interfaces, worlds).</summary>
    public WitParseResult Document { get; }

    /// <summary>True when the file is a package document (it declares a package, an interface or a world) rather than a bare signature block.</summary>
    public bool IsPackage { get; }

    /// <summary>The file read as a bare signature block (functions and the types beside them), as <c>wit: file://x.wit</c> may hold.</summary>
    public WitParseResult Signatures => _signatures.Value;

    public static ParsedWitFile Parse(string path, string text) => new(path, text, WitParser.Parse(text, path));

    public bool Equals(ParsedWitFile? other) =>
        other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ParsedWitFile);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path) ^ StringComparer.Ordinal.GetHashCode(Text);
}
