using System.Text;

namespace Wippy.Registry;

/// <summary>
/// The rule for an endpoint's <c>path</c> and a router's <c>prefix</c> (docs/registry.md#httpendpoint): a leading
/// <c>/</c>, segments separated by one <c>/</c> (only <c>/</c> alone, the root, ends with one), each segment either
/// literal (ASCII letters, digits and <c>-._~!$&amp;'()*+,;=:@</c>, and <c>%</c> starting a percent-encoded byte) or a
/// whole-segment parameter <c>{name}</c> (<c>[A-Za-z_][A-Za-z0-9_]*</c>), no parameter name twice (names are compared
/// without regard to case, as routes match them).
/// </summary>
internal static class HttpPath
{
    /// <summary>The characters a literal segment may hold besides ASCII letters and digits.</summary>
    public const string SegmentPunctuation = "-._~!$&'()*+,;=:@%";

    /// <summary>
    /// Null when <paramref name="path"/> is valid; otherwise what is wrong (a phrase that follows the field's name,
    /// "is a path without a leading '/'") and the path to write instead. <paramref name="allowRoot"/>: whether <c>/</c>
    /// alone is valid (a path, not a prefix, whose trailing <c>/</c> was dropped already).
    /// </summary>
    public static (string Problem, string Fix)? Check(string path, bool allowRoot = true)
    {
        if (!path.StartsWith("/", StringComparison.Ordinal))
        {
            return ("is a path without a leading '/'", "/" + path);
        }

        if (path == "/" && allowRoot) return null;
        var segments = path.Substring(1).Split('/');
        if (Array.IndexOf(segments, string.Empty) >= 0)
        {
            var kept = segments.Where(s => s.Length > 0).ToArray();
            return ("has an empty segment (segments are separated by a single '/', and only the root '/' ends with one)", "/" + string.Join("/", kept));
        }

        var names = new List<string>();
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.StartsWith("{", StringComparison.Ordinal) && segment.EndsWith("}", StringComparison.Ordinal) && segment.Length >= 2)
            {
                var name = segment.Substring(1, segment.Length - 2);
                if (!IsParameterName(name))
                {
                    return ($"has the parameter '{segment}', whose name is not letters, digits and '_' (not starting with a digit)", Replace(segments, i, "{" + ParameterName(name) + "}"));
                }

                if (names.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    return ($"names the parameter {{{name}}} twice; give each parameter its own name", Replace(segments, i, "{" + name + "2}"));
                }

                names.Add(name);
                continue;
            }

            if (segment.IndexOf('{') >= 0 || segment.IndexOf('}') >= 0)
            {
                return ($"has the segment '{segment}', but a parameter takes a whole segment between two '/' ({{id}}), and '{{' and '}}' are not allowed in a literal segment",
                    Replace(segments, i, Encode(segment.Replace("{", "").Replace("}", ""))));
            }

            if (LiteralProblem(segment) is { } problem)
            {
                return ($"has {problem} in the segment '{segment}'; a literal segment holds ASCII letters, digits and {SegmentPunctuation} (percent-encode anything else, e.g. %20 for a space)",
                    Replace(segments, i, Encode(segment)));
            }
        }

        return null;
    }

    /// <summary>The parameter names of a valid <paramref name="path"/>, in order.</summary>
    public static IEnumerable<string> Parameters(string path) =>
        path.Split('/').Where(IsParameter).Select(s => s.Substring(1, s.Length - 2));

    /// <summary>
    /// What tells two routes apart: the router's <paramref name="prefix"/> and the endpoint's <paramref name="path"/>
    /// joined, with every parameter written <c>{}</c> (their names do not matter), letters in upper case (routes match
    /// without regard to case) and no trailing <c>/</c> but for the root (<c>/api</c> + <c>/</c> is <c>/api</c>).
    /// </summary>
    public static string RouteKey(string prefix, string path)
    {
        var joined = string.Join("/", (prefix + path).Split('/').Select(s => IsParameter(s) ? "{}" : s.ToUpperInvariant()));
        if (joined.Length > 1 && joined.EndsWith("/", StringComparison.Ordinal)) joined = joined.Substring(0, joined.Length - 1);
        return joined.Length == 0 ? "/" : joined;
    }

    private static bool IsParameter(string segment) =>
        segment.Length >= 2 && segment[0] == '{' && segment[segment.Length - 1] == '}';

    private static bool IsParameterName(string name)
    {
        if (name.Length == 0 || !(IsAsciiLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name)
        {
            if (!(IsAsciiLetter(c) || IsDigit(c) || c == '_')) return false;
        }

        return true;
    }

    /// <summary>A valid name made from <paramref name="name"/>: other characters become <c>_</c>, a leading digit gets <c>_</c> before it.</summary>
    private static string ParameterName(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name) builder.Append(IsAsciiLetter(c) || IsDigit(c) ? c : '_');
        if (builder.Length == 0 || IsDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }

    /// <summary>Null when every character of <paramref name="segment"/> may stand in a literal segment; otherwise "the character 'x'".</summary>
    private static string? LiteralProblem(string segment)
    {
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '%')
            {
                if (IsEncodedByte(segment, i)) continue;
                return "a '%' that does not start a percent-encoded byte such as %20";
            }

            if (!IsAllowed(c)) return $"the character '{c}'";
        }

        return null;
    }

    /// <summary><paramref name="segment"/> with every character a literal segment cannot hold percent-encoded (UTF-8).</summary>
    private static string Encode(string segment)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c == '%' ? IsEncodedByte(segment, i) : IsAllowed(c))
            {
                builder.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < segment.Length ? 2 : 1;
            foreach (var b in Encoding.UTF8.GetBytes(segment.Substring(i, length))) builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            i += length - 1;
        }

        return builder.ToString();
    }

    /// <summary>Whether the <c>%</c> at <paramref name="i"/> is followed by two hexadecimal digits.</summary>
    private static bool IsEncodedByte(string segment, int i) => i + 2 < segment.Length && IsHex(segment[i + 1]) && IsHex(segment[i + 2]);

    private static string Replace(string[] segments, int index, string segment)
    {
        var copy = (string[])segments.Clone();
        copy[index] = segment;
        return "/" + string.Join("/", copy);
    }

    private static bool IsAllowed(char c) => IsAsciiLetter(c) || IsDigit(c) || SegmentPunctuation.IndexOf(c) >= 0;

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsHex(char c) => IsDigit(c) || c is >= 'a' and <= 'f' or >= 'A' and <= 'F';
}
