using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// One pattern of an <c>fs.embed</c> entry's <c>include</c> list, matched against a file's path relative to the entry's
/// directory, with <c>/</c> between segments. <c>*</c> matches any characters within a segment and <c>?</c> one;
/// a segment that is exactly <c>**</c> matches any number of segments (none included). A pattern that matches a
/// directory includes everything under it. So <c>*.wasm</c> is the top-level modules, <c>**/*.wasm</c> modules at
/// any depth, <c>static</c> the whole <c>static/</c> folder.
/// </summary>
public sealed class IncludePattern
{
    private static readonly char[] Slash = { '/' };
    private static readonly char[] Brackets = { '[', ']', '{', '}' };
    private readonly string[] _segments;

    private IncludePattern(string text, string[] segments, SourcePosition position)
    {
        Text = text;
        _segments = segments;
        Position = position;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary>Where the pattern is written.</summary>
    public SourcePosition Position { get; }

    /// <summary>
    /// Reads <paramref name="text"/>; null with <paramref name="problem"/> saying what is wrong when it is empty,
    /// absolute, leaves the directory (<c>..</c>), uses <c>\</c>, or uses brackets or braces (not supported).
    /// </summary>
    public static IncludePattern? Parse(string text, SourcePosition position, out string? problem)
    {
        problem = Problem(text);
        if (problem is not null) return null;
        var segments = text.Split(Slash, StringSplitOptions.RemoveEmptyEntries);
        return segments.Length == 0 || segments.All(s => s == ".")
            ? Fail("matches nothing but the directory itself; leave 'include' out to embed every file", out problem)
            : new IncludePattern(text, segments.Where(s => s != ".").ToArray(), position);
    }

    private static IncludePattern? Fail(string why, out string? problem)
    {
        problem = why;
        return null;
    }

    private static string? Problem(string text)
    {
        if (text.Trim().Length == 0) return "is empty";
        if (text.StartsWith("/", StringComparison.Ordinal)) return "is absolute; patterns are relative to the entry's directory";
        if (text.IndexOf('\\') >= 0) return "uses '\\'; separate folders with '/'";
        if (text.IndexOfAny(Brackets) >= 0) return "uses brackets or braces, which patterns do not support; list one pattern per line instead";
        if (text.Split('/').Any(s => s == "..")) return "leaves the directory ('..'); only files inside it can be embedded";
        return null;
    }

    /// <summary>Whether the file at <paramref name="relativePath"/> (<c>/</c>-separated, relative to the directory) is included.</summary>
    public bool Matches(string relativePath)
    {
        var path = relativePath.Split(Slash, StringSplitOptions.RemoveEmptyEntries);
        // A pattern naming a directory includes what is under it: try every leading run of the path's segments.
        for (var length = path.Length; length >= 1; length--)
        {
            if (MatchSegments(0, path, 0, length)) return true;
        }
        return false;
    }

    /// <summary>Whether the pattern from segment <paramref name="p"/> matches <paramref name="path"/>[<paramref name="s"/>..<paramref name="end"/>).</summary>
    private bool MatchSegments(int p, string[] path, int s, int end)
    {
        if (p == _segments.Length) return s == end;
        if (_segments[p] == "**")
        {
            for (var skip = s; skip <= end; skip++)
            {
                if (MatchSegments(p + 1, path, skip, end)) return true;
            }
            return false;
        }
        return s < end && MatchName(_segments[p], 0, path[s], 0) && MatchSegments(p + 1, path, s + 1, end);
    }

    /// <summary>Wildcard match of one segment: <c>*</c> any run of characters, <c>?</c> one character.</summary>
    private static bool MatchName(string pattern, int p, string name, int n)
    {
        while (p < pattern.Length)
        {
            var c = pattern[p];
            if (c == '*')
            {
                for (var rest = n; rest <= name.Length; rest++)
                {
                    if (MatchName(pattern, p + 1, name, rest)) return true;
                }
                return false;
            }
            if (n == name.Length || (c != '?' && c != name[n])) return false;
            p++;
            n++;
        }
        return n == name.Length;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
