using Wippy.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>The state of one file's parse: its path, its text (for block scalar positions) and the diagnostics found so far.</summary>
internal sealed class ParseContext
{
    private string[]? lines;

    public ParseContext(string filePath, string text)
    {
        FilePath = filePath;
        Text = text;
        BaseDirectory = DirectoryOf(filePath);
    }

    public string FilePath { get; }

    public string Text { get; }

    /// <summary>The directory of the YAML file, that relative paths are resolved against (empty when the path has none).</summary>
    public string BaseDirectory { get; }

    public List<WippyDiagnostic> Diagnostics { get; } = new();

    /// <summary>The namespace of the file (empty until read); references without <c>:</c> resolve against it.</summary>
    public string Namespace { get; set; } = string.Empty;

    /// <summary>The file's lines without their line breaks (1-based line n is index n - 1).</summary>
    public string[] Lines => lines ??= Text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');

    public SourcePosition At(int line, int column) => SourcePosition.At(FilePath, line, column);

    /// <summary>The position of a node: the whole span for a scalar, the start point for a map or a list.</summary>
    public SourcePosition PositionOf(YamlNode node)
    {
        if (node is YamlScalarNode)
        {
            return new SourcePosition(FilePath, (int)node.Start.Line, (int)node.Start.Column, (int)node.End.Line, (int)node.End.Column);
        }

        return At((int)node.Start.Line, (int)node.Start.Column);
    }

    /// <summary>Adds a diagnostic of <paramref name="id"/>; its severity is the catalogue's (<see cref="DiagnosticCatalog"/>).</summary>
    public void Report(string id, string message, SourcePosition position) =>
        Diagnostics.Add(new WippyDiagnostic(id, message, position));

    /// <summary>
    /// The full path of <paramref name="path"/> taken relative to the YAML file's directory, or <see langword="null"/>
    /// (and a diagnostic) when it is not a valid path.
    /// </summary>
    public string? ResolvePath(string path, string owner, string field, SourcePosition position)
    {
        try
        {
            var combined = BaseDirectory.Length == 0 ? path : Path.Combine(BaseDirectory, path);
            return Path.GetFullPath(combined);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            Report(
                RegistryDiagnosticIds.InvalidPath,
                $"{owner}: '{field}' is not a valid path ('{path}': {e.Message}); write a path relative to this file's directory, e.g. ./wasm",
                position);
            return null;
        }
    }

    private static string DirectoryOf(string filePath)
    {
        try
        {
            return Path.GetDirectoryName(filePath) ?? string.Empty;
        }
        catch (Exception e) when (e is ArgumentException or PathTooLongException)
        {
            return string.Empty;
        }
    }
}
