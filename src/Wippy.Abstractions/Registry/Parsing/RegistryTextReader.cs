using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>
/// Reads a <see cref="RegistryText"/> (<c>source</c>, <c>wit</c>): a <c>file://</c> reference resolved against the
/// YAML file's directory, or inline text with the YAML line and column where its content starts.
/// </summary>
internal static class RegistryTextReader
{
    /// <summary>Reads <paramref name="key"/>; <paramref name="fileExample"/> is the file named in the empty-<c>file://</c> message (default <c>module.wit</c> for <c>wit</c>, else <c>module.wat</c>).</summary>
    public static RegistryText? Read(FieldReader reader, string key, string hint, bool required, string? fileExample = null)
    {
        var ctx = reader.Context;
        var field = reader.Find(key);
        var node = reader.Node(key);
        if (field is null || node is null)
        {
            if (required)
            {
                reader.Missing(key, hint);
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            ScalarReader.WrongType(ctx, node, reader.Owner, reader.PathOf(key), "text (inline, a | block, or file://path)", hint);
            return null;
        }

        var value = scalar.Value ?? string.Empty;
        var position = ctx.PositionOf(scalar);
        var style = StyleOf(scalar.Style);
        var isBlock = style is RegistryTextStyle.Literal or RegistryTextStyle.Folded;
        if (!isBlock && value.StartsWith(RegistryText.FilePrefix, StringComparison.Ordinal))
        {
            var file = value.Substring(RegistryText.FilePrefix.Length);
            if (file.Trim().Length == 0)
            {
                ctx.Report(
                    RegistryDiagnosticIds.InvalidPath,
                    $"{reader.Owner}: '{reader.PathOf(key)}' has an empty file:// reference; write e.g. \"{key}: file://{fileExample ?? (key == "wit" ? "module.wit" : "module.wat")}\" (relative to this file's directory)",
                    position);
                return null;
            }

            var resolved = ctx.ResolvePath(file, reader.Owner, reader.PathOf(key), position);
            return resolved is null
                ? null
                : new RegistryText(null, file, resolved, style, position, position.Line, position.Column - 1);
        }

        if (value.Trim().Length == 0)
        {
            if (required)
            {
                ctx.Report(RegistryDiagnosticIds.MissingRequiredField, $"{reader.Owner}: '{reader.PathOf(key)}' is empty; write e.g. {hint}", position);
            }

            return null;
        }

        if (isBlock)
        {
            var (line, offset) = BlockContentStart(ctx, scalar, (int)field.KeyNode.Start.Column - 1);
            return new RegistryText(value, null, null, style, position, line, offset);
        }

        var quoted = style is RegistryTextStyle.SingleQuoted or RegistryTextStyle.DoubleQuoted ? 1 : 0;
        return new RegistryText(value, null, null, style, position, position.Line, position.Column - 1 + quoted);
    }

    /// <summary>
    /// The YAML line of the block's first value line (the line after the indicator) and the block's indentation:
    /// the explicit indentation indicator added to the parent's indentation, else the indentation of the first
    /// non-blank content line (YAML's auto-detection).
    /// </summary>
    private static (int Line, int Offset) BlockContentStart(ParseContext ctx, YamlScalarNode scalar, int parentIndent)
    {
        var lines = ctx.Lines;
        var headerLine = (int)scalar.Start.Line;
        var contentLine = headerLine + 1;
        var headerIndex = headerLine - 1;
        if (headerIndex >= 0 && headerIndex < lines.Length)
        {
            var header = lines[headerIndex];
            var column = (int)scalar.Start.Column - 1;
            for (var i = column + 1; i < header.Length && i <= column + 2; i++)
            {
                if (header[i] is >= '1' and <= '9')
                {
                    return (contentLine, parentIndent + (header[i] - '0'));
                }
            }
        }

        for (var index = headerLine; index < lines.Length; index++)
        {
            var text = lines[index];
            var indent = 0;
            while (indent < text.Length && text[indent] == ' ')
            {
                indent++;
            }

            if (indent < text.Length)
            {
                return (contentLine, indent);
            }
        }

        return (contentLine, parentIndent);
    }

    private static RegistryTextStyle StyleOf(ScalarStyle style) => style switch
    {
        ScalarStyle.SingleQuoted => RegistryTextStyle.SingleQuoted,
        ScalarStyle.DoubleQuoted => RegistryTextStyle.DoubleQuoted,
        ScalarStyle.Literal => RegistryTextStyle.Literal,
        ScalarStyle.Folded => RegistryTextStyle.Folded,
        _ => RegistryTextStyle.Plain,
    };
}
