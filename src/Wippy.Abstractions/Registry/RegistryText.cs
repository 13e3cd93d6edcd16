using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// A text field (<c>source</c>, <c>wit</c>) that is either inline text or a <c>file://path</c> reference; it
/// remembers where its content sits in the YAML so a WAT or WIT parser can report an error at the true line and
/// column (<see cref="MapPosition"/>).
/// </summary>
public sealed class RegistryText
{
    /// <summary>The URI-like prefix of a file reference.</summary>
    public const string FilePrefix = "file://";

    /// <summary>Creates a text value.</summary>
    /// <param name="value">Inline text, or <see langword="null"/> for a file reference.</param>
    /// <param name="fileReference">The path after <c>file://</c>, or <see langword="null"/> for inline text.</param>
    /// <param name="resolvedPath">The full path of the file reference, or <see langword="null"/>.</param>
    /// <param name="style">How the scalar was written.</param>
    /// <param name="position">Where the scalar is (for a block scalar: from its <c>|</c> or <c>&gt;</c> indicator).</param>
    /// <param name="contentLine">The 1-based YAML line holding the first line of <paramref name="value"/>.</param>
    /// <param name="contentColumnOffset">The number of YAML columns before the content's column 1.</param>
    public RegistryText(
        string? value, string? fileReference, string? resolvedPath, RegistryTextStyle style, SourcePosition position, int contentLine, int contentColumnOffset)
    {
        Value = value;
        FileReference = fileReference;
        ResolvedPath = resolvedPath;
        Style = style;
        Position = position;
        ContentLine = contentLine;
        ContentColumnOffset = contentColumnOffset;
    }

    /// <summary>The inline text, or <see langword="null"/> for a file reference.</summary>
    public string? Value { get; }

    /// <summary>The path after <c>file://</c> as written, or <see langword="null"/> for inline text.</summary>
    public string? FileReference { get; }

    /// <summary>The file reference's full path, relative paths taken from the YAML file's directory; <see langword="null"/> for inline text.</summary>
    public string? ResolvedPath { get; }

    /// <summary>Whether this is a <c>file://</c> reference.</summary>
    public bool IsFileReference => FileReference is not null;

    /// <summary>How the scalar was written.</summary>
    public RegistryTextStyle Style { get; }

    /// <summary>Where the scalar is: for a block scalar this starts at its <c>|</c> / <c>&gt;</c> indicator.</summary>
    public SourcePosition Position { get; }

    /// <summary>
    /// The 1-based YAML line holding line 1 of <see cref="Value"/>. For a block scalar it is the line after the
    /// indicator (blank lines at the start of a block stay in <see cref="Value"/> as empty lines, so line <c>k</c>
    /// of a literal block is at YAML line <c>ContentLine + k - 1</c>); for a one-line scalar it is the scalar's line.
    /// </summary>
    public int ContentLine { get; }

    /// <summary>
    /// The number of YAML columns before column 1 of the content: the block's indentation for a block scalar, the
    /// columns before the first character for a plain scalar, and those plus the opening quote for a quoted one.
    /// </summary>
    public int ContentColumnOffset { get; }

    /// <summary>
    /// Maps a 1-based line and column inside <see cref="Value"/> to the YAML file. Exact for literal blocks and
    /// one-line plain scalars; approximate for folded blocks, escapes in quoted scalars and multi-line flow scalars.
    /// </summary>
    /// <param name="line">1-based line within <see cref="Value"/>.</param>
    /// <param name="column">1-based column within that line.</param>
    public SourcePosition MapPosition(int line, int column)
    {
        var yamlLine = ContentLine + Math.Max(line, 1) - 1;
        var yamlColumn = ContentColumnOffset + Math.Max(column, 1);
        return SourcePosition.At(Position.FilePath, yamlLine, yamlColumn);
    }

    /// <inheritdoc />
    public override string ToString() => FileReference is { } file ? FilePrefix + file : Value ?? string.Empty;
}
