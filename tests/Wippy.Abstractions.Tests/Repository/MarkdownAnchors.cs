using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Wippy.Abstractions.Tests.Repository;

/// <summary>
/// The anchors a Markdown file offers as GitHub renders it: one per heading (its text lower-cased, spaces turned
/// into <c>-</c>, every other character but letters, digits, <c>_</c> and <c>-</c> dropped; a repeated anchor gets
/// <c>-1</c>, <c>-2</c>…) and one per explicit <c>&lt;a id="…"&gt;</c> or <c>&lt;a name="…"&gt;</c>. Headings inside
/// fenced code blocks are not headings.
/// </summary>
internal static partial class MarkdownAnchors
{
    /// <summary>Every anchor of <paramref name="markdown"/>.</summary>
    public static IReadOnlySet<string> Of(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        string? fence = null;
        foreach (var line in markdown.Replace("\r\n", "\n").Split('\n'))
        {
            if (Fence().Match(line) is { Success: true } f)
            {
                var marker = f.Groups["marker"].Value;
                if (fence is null) fence = marker;
                else if (marker[0] == fence[0] && marker.Length >= fence.Length) fence = null;
                continue;
            }
            if (fence is not null) continue;
            if (Heading().Match(line) is { Success: true } h)
            {
                var slug = Slug(h.Groups["text"].Value);
                anchors.Add(seen.TryGetValue(slug, out var count) ? slug + "-" + count.ToString(CultureInfo.InvariantCulture) : slug);
                seen[slug] = count + 1;
            }
            foreach (Match a in ExplicitAnchor().Matches(line)) anchors.Add(a.Groups["id"].Value);
        }
        return anchors;
    }

    /// <summary>The anchor of one heading's text (<c>Workers (pools)</c> → <c>workers-pools</c>).</summary>
    public static string Slug(string headingText)
    {
        var text = Link().Replace(headingText, "${text}");
        text = Tag().Replace(text, "");
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Trim().ToLowerInvariant())
        {
            if (c == ' ') slug.Append('-');
            else if (c is '-' or '_' || char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark) slug.Append(c);
        }
        return slug.ToString();
    }

    [GeneratedRegex(@"^ {0,3}(?<marker>`{3,}|~{3,})")]
    private static partial Regex Fence();

    // An ATX heading; a closing run of '#' counts only after white space ("## C#" keeps its '#').
    [GeneratedRegex(@"^ {0,3}#{1,6}[ \t]+(?<text>.*?)(?:[ \t]+#+)?[ \t]*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<a\s+(?:id|name)\s*=\s*""(?<id>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitAnchor();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();
}
