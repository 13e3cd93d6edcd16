using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>Reads a function's <c>imports</c> list (docs/registry.md#imports): known names only, duplicates warned and dropped.</summary>
internal static class ImportsReader
{
    private const string Hint = "\"imports: [wasi:io, wasi:clocks]\"";

    public static IReadOnlyList<RegistryImport> Read(FieldReader entry)
    {
        var list = entry.List("imports", Hint);
        if (list is null)
        {
            return Array.Empty<RegistryImport>();
        }

        var ctx = entry.Context;
        var result = new List<RegistryImport>();
        foreach (var (raw, _, position) in entry.TextItems(list, "imports", "\"- wasi:io\""))
        {
            if (!ImportNames.TryNormalize(raw, out var name))
            {
                ctx.Report(RegistryDiagnosticIds.UnknownImport, UnknownMessage(entry.Owner, raw), position);
                continue;
            }

            if (Find(result, name) is { } first)
            {
                ctx.Report(
                    RegistryDiagnosticIds.DuplicateImport,
                    $"{entry.Owner}: import '{raw}' is already listed as '{first.Raw}' (line {first.Position.Line}); remove this one",
                    position);
                continue;
            }

            result.Add(new RegistryImport(raw, name, position));
        }

        return result;
    }

    private static string UnknownMessage(string owner, string raw)
    {
        var message = $"{owner}: unknown import '{raw}'";
        var slash = raw.IndexOf('/');
        if (slash > 0 && ImportNames.TryNormalize(raw.Substring(0, slash), out var group))
        {
            message += $"; imports name whole interface groups: write '{group}'";
        }

        return message + $"; valid names are {string.Join(", ", ImportNames.All)} (case-insensitive, @version allowed)";
    }

    private static RegistryImport? Find(List<RegistryImport> imports, string name)
    {
        foreach (var import in imports)
        {
            if (string.Equals(import.Name, name, StringComparison.Ordinal))
            {
                return import;
            }
        }

        return null;
    }
}
