using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>
/// Reads single YAML values as text, whole numbers and booleans, reporting a type mismatch with the value's
/// position. Messages read "{owner}: '{path}' must be …, got …; write e.g. {hint}".
/// </summary>
internal static class ScalarReader
{
    /// <summary>Whether the node is an empty plain scalar, <c>~</c> or <c>null</c> (YAML's null).</summary>
    public static bool IsNull(YamlNode? node) =>
        node is null
        || (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
            && (s.Value is null || s.Value.Length == 0 || s.Value is "~" or "null" or "Null" or "NULL"));

    /// <summary>A short description of a value for messages: "a map", "a list", "text 'x'", "nothing".</summary>
    public static string Describe(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode: return "a map";
            case YamlSequenceNode: return "a list";
            case YamlScalarNode s when IsNull(s): return "nothing";
            case YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } s: return $"quoted text '{Shorten(s.Value ?? string.Empty)}'";
            case YamlScalarNode s: return $"'{Shorten(s.Value ?? string.Empty)}'";
            default: return "an alias";
        }
    }

    /// <summary>The text of a scalar, or <see langword="null"/> (and a diagnostic) for a map or a list.</summary>
    public static string? Text(ParseContext ctx, YamlNode node, string owner, string path, string hint)
    {
        if (node is YamlScalarNode scalar)
        {
            return IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
        }

        WrongType(ctx, node, owner, path, "text", hint);
        return null;
    }

    /// <summary>A whole number up to <paramref name="max"/> (negative ones are returned for the caller to judge), or <see langword="null"/> and a diagnostic.</summary>
    public static long? Integer(ParseContext ctx, YamlNode node, string owner, string path, string hint, long max)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is { Length: > 0 } text && IsIntegerText(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value <= max)
            {
                return value;
            }

            if (!text.StartsWith("-", StringComparison.Ordinal))
            {
                ctx.Report(
                    RegistryDiagnosticIds.WrongValueType,
                    $"{owner}: '{path}' is too large ({text}); the largest accepted value is {max.ToString(CultureInfo.InvariantCulture)}",
                    ctx.PositionOf(node));
                return null;
            }

            return long.MinValue;
        }

        var quoted = node is YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted };
        WrongType(ctx, node, owner, path, "a whole number", hint, quoted ? "write it without quotes, e.g." : "write e.g.");
        return null;
    }

    /// <summary><see langword="true"/>/<see langword="false"/>, or <see langword="null"/> and a diagnostic.</summary>
    public static bool? Boolean(ParseContext ctx, YamlNode node, string owner, string path, string hint)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar)
        {
            switch (scalar.Value)
            {
                case "true" or "True" or "TRUE": return true;
                case "false" or "False" or "FALSE": return false;
            }
        }

        WrongType(ctx, node, owner, path, "true or false", hint);
        return null;
    }

    /// <summary>Reports that <paramref name="node"/> is not <paramref name="expected"/>.</summary>
    public static void WrongType(ParseContext ctx, YamlNode node, string owner, string path, string expected, string hint, string fix = "write e.g.") =>
        ctx.Report(
            RegistryDiagnosticIds.WrongValueType,
            $"{owner}: '{path}' must be {expected}, got {Describe(node)}; {fix} {hint}",
            ctx.PositionOf(node));

    private static bool IsIntegerText(string text)
    {
        var start = text[0] is '-' or '+' ? 1 : 0;
        if (start == text.Length)
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] < '0' || text[i] > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static string Shorten(string text)
    {
        var firstLine = text.Split('\n')[0];
        return firstLine.Length > 40 ? firstLine.Substring(0, 40) + "…" : firstLine;
    }
}
