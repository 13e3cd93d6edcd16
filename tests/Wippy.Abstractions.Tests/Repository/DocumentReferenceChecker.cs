using System.Text.RegularExpressions;

namespace Wippy.Abstractions.Tests.Repository;

/// <summary>A reference that does not resolve inside the repository: where it is and what is wrong.</summary>
/// <param name="File">The file, relative to the repository root, with <c>/</c> separators.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Problem">What is wrong, for a person.</param>
internal sealed record DanglingReference(string File, int Line, string Problem)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Problem}";
}

/// <summary>
/// Finds references a reader of the repository cannot follow: citations of documents that are not in it (numbered
/// sections of an outside specification, a notes file, a shared folder beside the repository), <c>docs/&lt;name&gt;.md</c> or
/// <c>docs/&lt;name&gt;.md#anchor</c> whose file or heading does not exist, and, in Markdown files, relative links
/// to a <c>.md</c> file or an anchor that does not exist.
/// </summary>
/// <param name="readFile">The text of a repository file by its <c>/</c>-separated relative path, or null when there is none.</param>
internal sealed partial class DocumentReferenceChecker(Func<string, string?> readFile)
{
    // Written in pieces so that this file does not cite them itself.
    private static readonly string SpecCitation = "SPEC " + "§";
    private static readonly string SharedFolder = "../" + "shared/";
    private static readonly string Notes = "NO" + "TES";
    private static readonly Regex NotesCitation = new(@"\b" + Notes + @"\b", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, IReadOnlySet<string>?> _anchors = new(StringComparer.Ordinal);

    /// <summary>The dangling references of the file at <paramref name="file"/> (relative, <c>/</c>-separated) whose text is <paramref name="text"/>.</summary>
    public IEnumerable<DanglingReference> Check(string file, string text)
    {
        var isMarkdown = file.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
        var lines = text.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var problems = new List<string>();
            if (line.Contains(SpecCitation, StringComparison.Ordinal))
                problems.Add($"cites \"{SpecCitation}…\", a document that is not in the repository; point at the docs/ section that holds the behaviour");
            if (NotesCitation.IsMatch(line))
                problems.Add($"cites {Notes}, a document that is not in the repository; point at the docs/ section that holds what it relies on");
            if (line.Contains(SharedFolder, StringComparison.Ordinal))
                problems.Add($"points into \"{SharedFolder}\", outside the repository");
            foreach (Match m in DocsReference().Matches(line))
                problems.AddRange(Resolve("docs/" + m.Groups["name"].Value + ".md", m.Groups["anchor"].Value, m.Value));
            if (isMarkdown)
            {
                foreach (Match m in MarkdownLink().Matches(line))
                    problems.AddRange(ResolveLink(file, m.Groups["target"].Value));
            }
            foreach (var problem in problems.Distinct(StringComparer.Ordinal))
                yield return new DanglingReference(file, i + 1, problem);
        }
    }

    /// <summary>A Markdown link's target, when it is a relative <c>.md</c> file or an anchor of this file.</summary>
    private IEnumerable<string> ResolveLink(string file, string target)
    {
        if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) yield break;
        var hash = target.IndexOf('#');
        var path = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? "" : target[(hash + 1)..];
        if (path.Length == 0)
        {
            foreach (var problem in Resolve(file, anchor, target)) yield return problem;
            yield break;
        }
        if (!path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) yield break;
        var resolved = Normalize(Combine(DirectoryOf(file), path));
        if (resolved is null)
        {
            yield return $"links to {target}, outside the repository";
            yield break;
        }
        foreach (var problem in Resolve(resolved, anchor, target)) yield return problem;
    }

    private IEnumerable<string> Resolve(string file, string anchor, string written)
    {
        if (!_anchors.TryGetValue(file, out var anchors))
        {
            anchors = readFile(file) is { } text ? MarkdownAnchors.Of(text) : null;
            _anchors[file] = anchors;
        }
        if (anchors is null) yield return $"{written}: {file} does not exist";
        else if (anchor.Length > 0 && !anchors.Contains(anchor)) yield return $"{written}: {file} has no heading or <a id> whose anchor is #{anchor}";
    }

    private static string DirectoryOf(string file) => file.LastIndexOf('/') is var slash and >= 0 ? file[..slash] : "";

    private static string Combine(string directory, string path) => directory.Length == 0 ? path : directory + "/" + path;

    /// <summary>The path with <c>.</c> and <c>..</c> applied, or null when it climbs out of the repository.</summary>
    private static string? Normalize(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part != "..") parts.Add(part);
            else if (parts.Count == 0) return null;
            else parts.RemoveAt(parts.Count - 1);
        }
        return string.Join("/", parts);
    }

    // docs/<name>.md with an optional #anchor, not as the tail of a longer name (mydocs/x.md).
    [GeneratedRegex(@"(?<![\w-])docs/(?<name>[\w.-]+)\.md(?:#(?<anchor>[\w-]*))?")]
    private static partial Regex DocsReference();

    // [text](target) or [text](target "title").
    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();
}
