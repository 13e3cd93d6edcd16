using Wippy.Registry;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// One parsed <c>_index.yaml</c>. Equal when path and text are equal, so an unchanged file is not parsed
/// again and does not look changed to later steps; the parse result itself is not compared.
/// </summary>
internal sealed class ParsedRegistryFile : IEquatable<ParsedRegistryFile>
{
    private ParsedRegistryFile(string path, string text, RegistryParseResult result)
    {
        Path = path;
        Text = text;
        Result = result;
    }

    public string Path { get; }

    public string Text { get; }

    public RegistryParseResult Result { get; }

    public static ParsedRegistryFile Parse(string path, string text) => new(path, text, RegistryParser.Parse(path, text));

    public bool Equals(ParsedRegistryFile? other) =>
        other is not null && string.Equals(Path, other.Path, StringComparison.Ordinal) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as ParsedRegistryFile);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path) ^ StringComparer.Ordinal.GetHashCode(Text);
}
