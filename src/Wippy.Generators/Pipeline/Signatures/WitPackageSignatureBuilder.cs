using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Registry;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Signatures;

/// <summary>
/// The signature from a whole WIT package: a <c>wit: file://dir/</c> (the files directly in it form the package,
/// those under <c>deps/</c> its dependencies), a <c>wit: file://x.wit</c> that declares a package, or an inline
/// <c>wit:</c> that does. The package is resolved, and <c>method:</c> names a world's export or an interface's
/// function (<see cref="WitPackageFunctions"/>).
/// </summary>
internal sealed class WitPackageSignatureBuilder(ModelDiagnostics diagnostics)
{
    /// <summary>From the <c>.wit</c> files under the directory <paramref name="directory"/>.</summary>
    public Signature? FromDirectory(FunctionEntry f, IReadOnlyList<ParsedWitFile> files, string directory)
    {
        var ordered = files
            .OrderBy(x => IsDependency(x.Path, directory) ? 1 : 0)
            .ThenBy(x => x.Path, StringComparer.Ordinal)
            .ToList();
        return FromDocuments(f, ordered.Select(x => x.Document).ToList(), ordered.Count(x => !IsDependency(x.Path, directory)));
    }

    /// <summary>
    /// From parsed documents, the first <paramref name="rootCount"/> of which form the package (their functions are the
    /// ones <c>method:</c> may name); the others are its dependencies.
    /// </summary>
    public Signature? FromDocuments(FunctionEntry f, IReadOnlyList<WitParseResult> parsed, int rootCount)
    {
        foreach (var p in parsed) diagnostics.Forward(p.Diagnostics);
        if (parsed.Any(p => p.Document is null || ModelDiagnostics.HasErrors(p.Diagnostics))) return null;
        var documents = parsed.Select(p => p.Document!).ToList();
        var resolution = WitResolver.Resolve(documents);
        diagnostics.Forward(resolution.Diagnostics);
        if (ModelDiagnostics.HasErrors(resolution.Diagnostics)) return null;
        var candidates = new List<string>();
        var function = WitPackageFunctions.Find(resolution, documents.Take(rootCount).ToList(), f.Method!, candidates);
        if (function is null)
        {
            diagnostics.Report(ModuleDiagnosticIds.WitFunctionNotFound, f.Wit!.Position,
                $"entry '{f.Id}': the WIT package has no function '{f.Method}' (a world export, or iface#func for an interface function)" +
                (candidates.Count > 0 ? $"; write one of: {string.Join(", ", candidates)}" : ""));
            return null;
        }
        return WitFunctionMapping.Map(function, new WitTypeMapper(resolution, f.Id, diagnostics), diagnostics);
    }

    /// <summary>True for a file in a subdirectory of the package directory (<c>deps/…</c>).</summary>
    private static bool IsDependency(string path, string directory) => PathUtil.RelativeTo(directory, path).IndexOf('/') >= 0;
}
