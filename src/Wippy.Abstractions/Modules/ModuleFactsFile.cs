using System.Text;
using Wippy.Diagnostics;

namespace Wippy.Modules;

/// <summary>
/// The text file (<c>wippy.modules.txt</c>) the build step writes and the source generator reads: module
/// facts plus the diagnostics the build step found (bad hash, invalid WAT…), one tab-separated record per
/// line. Text keeps the generator away from binaries; the format is private to the two and versioned: the
/// first line is <see cref="VersionLine"/>, and a reader checks it (<see cref="ReadVersion"/>) before it
/// reads the records, since the fields are positional.
/// </summary>
public static class ModuleFactsFile
{
    /// <summary>The file name the build step writes and the generator looks for.</summary>
    public const string FileName = "wippy.modules.txt";

    /// <summary>
    /// The version of the format <see cref="Write"/> writes and <see cref="Parse"/> reads. Change it with any change
    /// to the records or their fields, so a file written by a build step of another version is refused, not misread.
    /// </summary>
    public const int FormatVersion = 2;

    private const string VersionPrefix = "# wippy module facts v";

    /// <summary>The first line of the file: <c># wippy module facts v2</c>.</summary>
    public static string VersionLine { get; } = VersionPrefix + FormatVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The format version the text's first line declares, or null when the first line is not a version line (a file
    /// that is empty, truncated, or written before the version was checked).
    /// </summary>
    public static int? ReadVersion(string text)
    {
        var end = text.IndexOf('\n');
        var first = (end < 0 ? text : text.Substring(0, end)).TrimEnd('\r').TrimStart('\uFEFF');
        if (!first.StartsWith(VersionPrefix, StringComparison.Ordinal)) return null;
        return int.TryParse(first.Substring(VersionPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : null;
    }

    /// <summary>Serializes facts and diagnostics, in the order given, after the version line.</summary>
    public static string Write(IEnumerable<ModuleFacts> modules, IEnumerable<WippyDiagnostic> diagnostics)
    {
        var sb = new StringBuilder();
        sb.Append(VersionLine).Append('\n');
        foreach (var m in modules)
        {
            sb.Append("module\t").Append(m.EntryId).Append('\t').Append(m.Binary == ModuleBinaryKind.Core ? "core" : "component").Append('\t').Append(m.Sha256).Append('\n');
            if (m.Component is { } c)
            {
                sb.Append("component\t").Append(Escape(c.Key)).Append('\t').Append(Escape(c.CoreExport ?? "")).Append('\t')
                  .Append(Escape(c.DirectProblem ?? "")).Append('\t').Append(Escape(c.Fingerprint)).Append('\t').Append(Escape(c.SignatureWit)).Append('\n');
            }
            foreach (var i in m.Imports ?? Array.Empty<ComponentImportFact>())
            {
                sb.Append("import\t").Append(Escape(i.Instance ?? "")).Append('\t').Append(Escape(i.Function)).Append('\t')
                  .Append(Escape(i.Fingerprint)).Append('\t').Append(Escape(i.SignatureWit)).Append('\n');
            }
            foreach (var e in m.Exports)
            {
                sb.Append("export\t").Append(Escape(e.Name)).Append('\t').Append(e.Kind).Append('\t')
                  .Append(string.Join(",", e.Params)).Append('\t').Append(string.Join(",", e.Results)).Append('\n');
            }
        }
        foreach (var d in diagnostics)
        {
            var p = d.Position;
            sb.Append("diagnostic\t").Append(d.Id).Append('\t').Append(d.Severity.ToString()).Append('\t')
              .Append(Escape(p.FilePath)).Append('\t').Append(p.Line).Append('\t').Append(p.Column).Append('\t')
              .Append(p.EndLine).Append('\t').Append(p.EndColumn).Append('\t').Append(Escape(d.Message)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Reads what <see cref="Write"/> wrote; unknown or malformed lines are skipped. It does not check the version:
    /// call <see cref="ReadVersion"/> first and read only a file of <see cref="FormatVersion"/>.
    /// </summary>
    public static (IReadOnlyList<ModuleFacts> Modules, IReadOnlyList<WippyDiagnostic> Diagnostics) Parse(string text)
    {
        var modules = new List<ModuleFacts>();
        var diagnostics = new List<WippyDiagnostic>();
        string? entry = null;
        var binary = ModuleBinaryKind.Core;
        var hash = string.Empty;
        var exports = new List<ModuleExportFact>();
        ComponentFunctionFact? component = null;
        var imports = new List<ComponentImportFact>();

        void Flush()
        {
            if (entry is not null) modules.Add(new ModuleFacts(entry, binary, hash, exports.ToArray(), component, imports.Count == 0 ? null : imports.ToArray()));
            entry = null;
            component = null;
            exports.Clear();
            imports.Clear();
        }

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var f = line.Split('\t');
            switch (f[0])
            {
                case "module" when f.Length >= 4:
                    Flush();
                    entry = f[1];
                    binary = f[2] == "component" ? ModuleBinaryKind.Component : ModuleBinaryKind.Core;
                    hash = f[3];
                    break;
                case "component" when f.Length >= 6 && entry is not null:
                    component = new ComponentFunctionFact(Unescape(f[1]), Unescape(f[5]), Unescape(f[4]), NullIfEmpty(Unescape(f[2])), NullIfEmpty(Unescape(f[3])));
                    break;
                case "import" when f.Length >= 5 && entry is not null:
                    imports.Add(new ComponentImportFact(NullIfEmpty(Unescape(f[1])), Unescape(f[2]), Unescape(f[4]), Unescape(f[3])));
                    break;
                case "export" when f.Length >= 5 && entry is not null:
                    exports.Add(new ModuleExportFact(Unescape(f[1]), f[2], SplitList(f[3]), SplitList(f[4])));
                    break;
                case "diagnostic" when f.Length >= 9:
                    // f[2], the severity the build step wrote, is not read: the catalogue gives each id its severity.
                    diagnostics.Add(new WippyDiagnostic(f[1], Unescape(f[8]),
                        new SourcePosition(Unescape(f[3]), Int(f[4]), Int(f[5]), Int(f[6]), Int(f[7]))));
                    break;
            }
        }
        Flush();
        return (modules, diagnostics);
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private static IReadOnlyList<string> SplitList(string s) => s.Length == 0 ? Array.Empty<string>() : s.Split(',');

    private static int Int(string s) => int.TryParse(s, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 1;

    private static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n").Replace("\r", "\\r");

    private static string Unescape(string s)
    {
        if (s.IndexOf('\\') < 0) return s;
        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                i++;
                sb.Append(s[i] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', _ => s[i] });
            }
            else
            {
                sb.Append(s[i]);
            }
        }
        return sb.ToString();
    }
}
