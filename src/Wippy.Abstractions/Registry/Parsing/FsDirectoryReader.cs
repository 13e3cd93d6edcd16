namespace Wippy.Registry;

/// <summary>
/// Reads an <c>fs.directory</c> entry: <c>directory</c> (resolved against the YAML file), <c>auto_init</c>, <c>mode</c>;
/// or an <c>fs.embed</c> entry (<c>directory</c> and <c>include</c>: its files are embedded in the app at build time, read-only).
/// </summary>
internal static class FsDirectoryReader
{
    private static readonly string[] Known = { "name", "kind", "meta", "directory", "auto_init", "mode" };
    private static readonly string[] KnownEmbed = { "name", "kind", "meta", "directory", "include" };
    private const string IncludeHint = "\"include: ['*.wasm', static]\" (relative to 'directory'; * and ? within a name, ** for any folders; quote a pattern that starts with *, which YAML reads as an alias)";

    public static FsDirectoryEntry Read(FieldReader entry, EntryHeader header)
    {
        var embedded = header.Kind == RegistryKinds.FsEmbed;
        entry.ReportUnknown(embedded ? KnownEmbed : Known, header.Kind);
        var directory = entry.String("directory", "\"directory: ./wasm\" (relative to this file's directory)", required: true);
        var resolved = directory is null ? null : entry.Context.ResolvePath(directory, entry.Owner, "directory", entry.PositionOf("directory"));
        // fs.embed has no auto_init or mode (reported above as unknown fields): its files are read-only, in the app
        var autoInit = !embedded && (entry.Boolean("auto_init", "\"auto_init: true\"") ?? false);
        var mode = embedded ? null : entry.String("mode", "\"mode: 0755\"");
        int? modeValue = null;
        if (mode is not null)
        {
            modeValue = ParseOctal(mode);
            if (modeValue is null)
            {
                entry.Context.Report(
                    RegistryDiagnosticIds.InvalidMode,
                    $"{entry.Owner}: 'mode' must be 3 or 4 octal digits (0-7), got '{mode}'; write e.g. \"mode: 0755\"",
                    entry.PositionOf("mode"));
                mode = null;
            }
        }

        return new FsDirectoryEntry
        {
            Include = embedded ? ReadInclude(entry) : Array.Empty<IncludePattern>(),
            Directory = directory,
            ResolvedDirectory = resolved,
            AutoInit = autoInit,
            Mode = mode,
            ModeValue = modeValue,
        };
    }

    private static IReadOnlyList<IncludePattern> ReadInclude(FieldReader entry)
    {
        var list = entry.List("include", IncludeHint);
        if (list is null) return Array.Empty<IncludePattern>();
        var ctx = entry.Context;
        var patterns = new List<IncludePattern>();
        foreach (var (text, path, position) in entry.TextItems(list, "include", "a quoted pattern such as \"- '*.wasm'\""))
        {
            if (IncludePattern.Parse(text, position, out var problem) is { } pattern)
            {
                patterns.Add(pattern);
                continue;
            }
            ctx.Report(
                RegistryDiagnosticIds.InvalidIncludePattern,
                $"{entry.Owner}: '{path}' ('{text}') {problem}; write e.g. {IncludeHint}",
                position);
        }
        if (list.Children.Count == 0)
        {
            ctx.Report(
                RegistryDiagnosticIds.InvalidIncludePattern,
                $"{entry.Owner}: 'include' is an empty list, which would embed nothing; list patterns, e.g. {IncludeHint}, or leave 'include' out to embed every file",
                entry.PositionOf("include"));
        }
        return patterns;
    }

    private static int? ParseOctal(string text)
    {
        if (text.Length is < 3 or > 4)
        {
            return null;
        }

        var value = 0;
        foreach (var c in text)
        {
            if (c < '0' || c > '7')
            {
                return null;
            }

            value = (value * 8) + (c - '0');
        }

        return value;
    }
}
