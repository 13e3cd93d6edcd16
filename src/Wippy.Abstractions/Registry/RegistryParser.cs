using Wippy.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>
/// Reads one registry file (<c>_index.yaml</c>) into a <see cref="RegistryDocument"/> and reports every per-file
/// mistake as a <see cref="WippyDiagnostic"/> with its YAML line and column. Deterministic, no reflection, no I/O
/// (paths are resolved, files are not read): it runs inside the compiler and in NativeAOT hosts alike.
/// Rules that need several files (duplicate ids, references) are <see cref="RegistryValidator"/>'s.
/// </summary>
public static class RegistryParser
{
    /// <summary>The fields a registry file may have at its root.</summary>
    public static IReadOnlyList<string> DocumentFields { get; } = new[] { "version", "namespace", "entries" };

    /// <summary>The <c>version</c> this runtime reads.</summary>
    public const string SupportedVersion = "1.0";

    /// <summary>
    /// How deep maps and lists may nest in a registry file (the root map is level 1). A real registry uses under ten
    /// levels (root, entries, entry, wasi, mounts, mount…); deeper input is refused at the collection that goes past
    /// the limit (<see cref="SafetyDiagnosticIds.YamlTooDeep"/>) instead of recursing until the stack overflows.
    /// </summary>
    public const int MaxNestingDepth = 64;

    /// <summary>Parses a registry file. Never throws: YAML syntax errors become diagnostics.</summary>
    /// <param name="filePath">The file's path (relative paths in the file are taken from its directory; pass a full path).</param>
    /// <param name="text">The file's content.</param>
    public static RegistryParseResult Parse(string filePath, string text)
    {
        var ctx = new ParseContext(filePath, text);
        var root = Load(ctx);
        var document = root is null ? null : ReadDocument(ctx, root);
        return new RegistryParseResult(document, InFileOrder(ctx.Diagnostics));
    }

    /// <summary>Where the alias named in YamlDotNet's "The anchor 'x' does not exists" message is written (<c>*x</c>), if found.</summary>
    private static (string Text, SourcePosition Position)? UnknownAlias(ParseContext ctx, string message)
    {
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        if (end <= start + 1) return null;
        var alias = "*" + message.Substring(start + 1, end - start - 1);
        var at = ctx.Text.IndexOf(alias, StringComparison.Ordinal);
        if (at < 0) return null;
        var line = 1 + ctx.Text.Take(at).Count(c => c == '\n');
        var column = at - (ctx.Text.LastIndexOf('\n', Math.Max(0, at - 1)) + 1) + 1;
        return (alias, ctx.At(line, column));
    }

    private static YamlNode? Load(ParseContext ctx)
    {
        var tracking = new TrackingParser(new Parser(new StringReader(ctx.Text)), MaxNestingDepth);
        var stream = new YamlStream();
        try
        {
            stream.Load(tracking);
        }
        catch (YamlTooDeepException e)
        {
            ctx.Report(
                SafetyDiagnosticIds.YamlTooDeep,
                $"the YAML nests maps and lists more than {MaxNestingDepth} levels deep here; a registry file needs far fewer, so flatten this value (or write it as a quoted string)",
                YamlPosition(ctx, e.Start, e.End));
            return null;
        }
        catch (YamlException e)
        {
            var message = (e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message).TrimEnd('.', ' ');
            var position = YamlPosition(ctx, e.Start, e.End);
            if (message.IndexOf("tab", StringComparison.OrdinalIgnoreCase) >= 0 && FirstTabIndentedLine(ctx) is { } tabLine)
            {
                // YamlDotNet reports a tab used as indentation at the start of the enclosing map; point at the tab.
                position = ctx.At(tabLine, 1);
                message += " (indent with spaces, not tabs)";
            }
            else if (e is AnchorNotFoundException && UnknownAlias(ctx, message) is { } alias)
            {
                // YamlDotNet resolves aliases after the whole document, without a position: point at the *name.
                position = alias.Position;
                message += $" ('{alias.Text}' is a YAML alias; a value that starts with * must be quoted, e.g. '{alias.Text}')";
            }

            ctx.Report(RegistryDiagnosticIds.YamlSyntax, $"invalid YAML: {message}; fix the syntax at this line", position);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            ctx.Report(
                RegistryDiagnosticIds.YamlSyntax,
                "invalid YAML near here (an unclosed [ ] or { }, a stray quote or a bad indentation?); fix the syntax at this line",
                YamlPosition(ctx, tracking.LastEnd, tracking.LastEnd));
            return null;
        }

        if (stream.Documents.Count == 0)
        {
            ctx.Report(
                RegistryDiagnosticIds.MissingRequiredField,
                "the registry file is empty; it needs \"namespace: app\" and an \"entries:\" list",
                ctx.At(1, 1));
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            ctx.Report(
                RegistryDiagnosticIds.InvalidDocument,
                "a registry file holds one YAML document; move the entries after '---' into the first document or into another _index.yaml",
                ctx.PositionOf(stream.Documents[1].RootNode));
        }

        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode)
        {
            return root;
        }

        ctx.Report(
            RegistryDiagnosticIds.InvalidDocument,
            $"a registry file must be a map with namespace and entries, got {ScalarReader.Describe(root)}; write \"namespace: app\" and \"entries:\" at the top level",
            ctx.PositionOf(root));
        return null;
    }

    private static RegistryDocument? ReadDocument(ParseContext ctx, YamlNode root)
    {
        const string owner = "the registry file";
        var file = FieldReader.Create(ctx, root, owner, string.Empty, string.Empty, "\"namespace: app\"")!;
        file.ReportUnknown(DocumentFields, "a registry file");
        var version = file.String("version", "\"version: 1.0\"");
        if (version is not null && !string.Equals(version, SupportedVersion, StringComparison.Ordinal))
        {
            ctx.Report(
                RegistryDiagnosticIds.UnsupportedVersion,
                $"registry file version '{version}' is not supported; this runtime reads version {SupportedVersion}, write \"version: 1.0\" or leave it out",
                file.PositionOf("version"));
        }

        var ns = file.String("namespace", "\"namespace: app\" (dot-separated, such as app.api.v2)", required: true);
        if (ns is not null && !RegistryNames.IsValidNamespace(ns))
        {
            ctx.Report(
                RegistryDiagnosticIds.InvalidNamespace,
                $"namespace '{ns}' is not valid; use dot-separated segments of lowercase letters, digits, '_' and '-', e.g. \"namespace: {RegistryNames.SuggestNamespace(ns)}\"",
                file.PositionOf("namespace"));
        }

        ctx.Namespace = ns ?? string.Empty;
        var entries = ReadEntries(ctx, file);
        return ns is null ? null : new RegistryDocument(ctx.FilePath, version, ns, entries);
    }

    private static IReadOnlyList<RegistryEntry> ReadEntries(ParseContext ctx, FieldReader file)
    {
        var result = new List<RegistryEntry>();
        if (file.Find("entries") is null)
        {
            file.Missing("entries", "\"entries:\" followed by a list of \"- name: ...\" items");
            return result;
        }

        var list = file.List("entries", "\"entries:\" followed by a list of \"- name: ...\" items");
        if (list is null)
        {
            return result;
        }

        var index = 0;
        foreach (var node in list.Children)
        {
            if (EntryReader.Read(ctx, node, index++) is { } entry)
            {
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>The diagnostics sorted by line and column; those at the same place keep the order they were found in.</summary>
    private static WippyDiagnostic[] InFileOrder(List<WippyDiagnostic> diagnostics)
    {
        var keyed = new List<(int Index, WippyDiagnostic Diagnostic)>(diagnostics.Count);
        for (var i = 0; i < diagnostics.Count; i++)
        {
            keyed.Add((i, diagnostics[i]));
        }

        keyed.Sort(static (a, b) =>
        {
            var byLine = a.Diagnostic.Position.Line.CompareTo(b.Diagnostic.Position.Line);
            if (byLine != 0)
            {
                return byLine;
            }

            var byColumn = a.Diagnostic.Position.Column.CompareTo(b.Diagnostic.Position.Column);
            return byColumn != 0 ? byColumn : a.Index.CompareTo(b.Index);
        });

        var result = new WippyDiagnostic[keyed.Count];
        for (var i = 0; i < keyed.Count; i++)
        {
            result[i] = keyed[i].Diagnostic;
        }

        return result;
    }

    private static int? FirstTabIndentedLine(ParseContext ctx)
    {
        var lines = ctx.Lines;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].TrimStart(' ');
            if (trimmed.StartsWith("\t", StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return null;
    }

    private static SourcePosition YamlPosition(ParseContext ctx, Mark start, Mark end)
    {
        var line = Math.Max(1, (int)start.Line);
        var column = Math.Max(1, (int)start.Column);
        var endLine = Math.Max(line, (int)end.Line);
        var endColumn = endLine == line ? Math.Max(column, (int)end.Column) : Math.Max(1, (int)end.Column);
        return new SourcePosition(ctx.FilePath, line, column, endLine, endColumn);
    }
}
