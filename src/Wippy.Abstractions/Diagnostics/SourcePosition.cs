namespace Wippy.Diagnostics;

/// <summary>
/// A place in a non-C# source file (a registry YAML file, a WIT file, a WAT file).
/// Lines and columns are 1-based; the end is inclusive of the last character's line and exclusive of its column.
/// Plain data so it can live in the generator's cached models (no Roslyn <c>Location</c>).
/// </summary>
/// <param name="FilePath">The file's path as the build saw it.</param>
/// <param name="Line">1-based first line.</param>
/// <param name="Column">1-based first column.</param>
/// <param name="EndLine">1-based last line.</param>
/// <param name="EndColumn">1-based column just after the span.</param>
public sealed record SourcePosition(string FilePath, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A position covering a single point.</summary>
    public static SourcePosition At(string filePath, int line, int column) => new(filePath, line, column, line, column);

    /// <inheritdoc />
    public override string ToString() => $"{FilePath}({Line},{Column})";
}
