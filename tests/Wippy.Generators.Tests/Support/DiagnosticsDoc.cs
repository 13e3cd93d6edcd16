using System.Text.RegularExpressions;
using Wippy.Diagnostics;

namespace Wippy.Generators.Tests.Support;

/// <summary>
/// The id rows and anchors of docs/diagnostics.md: a row is a table line whose first cell is
/// <c>&lt;a id="wippy0001"&gt;&lt;/a&gt;WIPPY0001</c> (or, wrongly, the id alone) and whose second cell is the severity.
/// </summary>
internal sealed class DiagnosticsDoc
{
    private static readonly Regex IdCell = new(@"^(?:<a id=""(?<anchor>[^""]*)""></a>)?(?<id>WIPPY\d{4})$", RegexOptions.CultureInvariant);
    private static readonly Regex AnchorTag = new(@"<a id=""(?<anchor>[^""]*)""></a>", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, List<Row>> _rows;
    private readonly Dictionary<string, int> _anchorCounts;

    private DiagnosticsDoc(Dictionary<string, List<Row>> rows, Dictionary<string, int> anchorCounts)
    {
        _rows = rows;
        _anchorCounts = anchorCounts;
    }

    /// <summary>The repository's docs/diagnostics.md, read once.</summary>
    public static DiagnosticsDoc Repository { get; } = Parse(File.ReadAllText(RepoPaths.Combine("docs", "diagnostics.md")));

    /// <summary>One id row: its id, the anchor written before the id (null when there is none), its severity cell and line.</summary>
    public sealed record Row(string Id, string? Anchor, string Severity, int Line);

    /// <summary>The ids that have a row.</summary>
    public IEnumerable<string> Ids => _rows.Keys;

    public static DiagnosticsDoc Parse(string markdown)
    {
        var rows = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        var anchors = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in AnchorTag.Matches(lines[i])) anchors[m.Groups["anchor"].Value] = anchors.GetValueOrDefault(m.Groups["anchor"].Value) + 1;
            if (!lines[i].StartsWith('|')) continue;
            var cells = lines[i].Split('|');
            if (cells.Length < 4 || IdCell.Match(cells[1].Trim()) is not { Success: true } id) continue;
            var anchor = id.Groups["anchor"].Success ? id.Groups["anchor"].Value : null;
            var row = new Row(id.Groups["id"].Value, anchor, cells[2].Trim(), i + 1);
            if (!rows.TryGetValue(row.Id, out var list)) rows[row.Id] = list = new List<Row>();
            list.Add(row);
        }
        return new DiagnosticsDoc(rows, anchors);
    }

    /// <summary>What is wrong with how this page lists <paramref name="entry"/>, or <see langword="null"/> when nothing is.</summary>
    public string? ProblemWith(WippyDiagnosticDescriptor entry)
    {
        if (!_rows.TryGetValue(entry.Id, out var rows)) return $"docs/diagnostics.md has no table row for {entry.Id} ({entry.Title})";
        if (rows.Count > 1) return $"docs/diagnostics.md has {rows.Count} rows for {entry.Id} (lines {string.Join(", ", rows.Select(r => r.Line))})";
        var row = rows[0];
        var anchor = DiagnosticHelpLink.AnchorOf(entry.Id);
        if (row.Anchor != anchor) return $"docs/diagnostics.md line {row.Line}: the row of {entry.Id} does not start with <a id=\"{anchor}\"></a>";
        var count = _anchorCounts.GetValueOrDefault(anchor);
        if (count != 1) return $"docs/diagnostics.md has the anchor '{anchor}' {count} times";
        var severity = entry.IsRetired ? "—" : entry.Severity.ToString().ToLowerInvariant();
        if (row.Severity != severity) return $"docs/diagnostics.md line {row.Line}: {entry.Id} has severity '{row.Severity}', the catalogue says '{severity}'";
        if (entry.HelpLink != DiagnosticHelpLink.Base + "#" + anchor) return $"the help link of {entry.Id} is {entry.HelpLink}, not the anchor '{anchor}' of docs/diagnostics.md";
        return null;
    }
}
