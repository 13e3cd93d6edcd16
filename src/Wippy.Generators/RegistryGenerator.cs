using Microsoft.CodeAnalysis;
using Wippy.Diagnostics;
using Wippy.Generators.Diagnostics;
using Wippy.Generators.Emit;
using Wippy.Generators.Model;
using Wippy.Generators.Pipeline;
using Wippy.Modules;
using Wippy.Registry;

namespace Wippy.Generators;

/// <summary>
/// The Wippy source generator. Reads every <c>_index.yaml</c>, <c>.wat</c>, <c>.wit</c> and <c>.lua</c> AdditionalFile
/// and the module facts of the build step, and emits, per registry namespace, one file per concern (proxy, WIT types,
/// imported interfaces, ABI code, JSON and Lua binders, registration), plus the app's registration.
/// Pipeline: parse each file on its own (cached per file: registry files, WIT files, the facts file) → build
/// equatable models for the whole registry → emit each namespace separately, so editing one namespace's YAML leaves
/// the others' output cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RegistryGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for tests that assert what was cached.</summary>
    public static class Steps
    {
        /// <summary>Each <c>_index.yaml</c>, parsed.</summary>
        public const string RegistryFiles = "RegistryFiles";
        /// <summary>Each <c>.wit</c> file, parsed.</summary>
        public const string WitFiles = "WitFiles";
        /// <summary>The module facts file, read.</summary>
        public const string FactsFiles = "FactsFiles";
        /// <summary>The models of the whole registry.</summary>
        public const string Models = "Models";
        /// <summary>One model per namespace.</summary>
        public const string Namespaces = "Namespaces";
        /// <summary>The registration model.</summary>
        public const string Root = "Root";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var options = context.AnalyzerConfigOptionsProvider.Select(static (o, _) =>
        {
            o.GlobalOptions.TryGetValue("build_property.RootNamespace", out var rootNamespace);
            o.GlobalOptions.TryGetValue("build_property.WippyRegistryRoot", out var root);
            if (string.IsNullOrEmpty(root)) o.GlobalOptions.TryGetValue("build_property.ProjectDir", out root);
            o.GlobalOptions.TryGetValue("build_property.WippyAllowedPathList", out var allowed);
            return new GeneratorOptions(string.IsNullOrEmpty(rootNamespace) ? "WippyApp" : rootNamespace!, root ?? string.Empty, allowed ?? string.Empty);
        });

        var registryFiles = context.AdditionalTextsProvider
            .Where(static f => FileName(f.Path) == "_index.yaml")
            .Select(static (f, ct) => ParsedRegistryFile.Parse(f.Path, f.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(Steps.RegistryFiles);

        var witFiles = context.AdditionalTextsProvider
            .Where(static f => f.Path.EndsWith(".wit", StringComparison.OrdinalIgnoreCase))
            .Select(static (f, ct) => ParsedWitFile.Parse(f.Path, f.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(Steps.WitFiles);

        var textFiles = context.AdditionalTextsProvider
            .Where(static f => f.Path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase) || f.Path.EndsWith(".lua", StringComparison.OrdinalIgnoreCase))
            .Select(static (f, ct) => new TextFile(f.Path, f.GetText(ct)?.ToString() ?? string.Empty));

        var facts = context.AdditionalTextsProvider
            .Where(static f => FileName(f.Path) == ModuleFactsFile.FileName)
            .Select(static (f, ct) => ParsedFactsFile.Parse(f.Path, f.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(Steps.FactsFiles);

        var models = registryFiles.Collect()
            .Combine(witFiles.Collect())
            .Combine(textFiles.Collect())
            .Combine(facts.Collect())
            .Combine(options)
            .Select(static (input, _) => Build(input.Left.Left.Left.Left, input.Left.Left.Left.Right, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(Steps.Models);

        var namespaces = models.SelectMany(static (m, _) => m.Namespaces).WithTrackingName(Steps.Namespaces);
        context.RegisterSourceOutput(namespaces, static (spc, ns) =>
        {
            foreach (var file in NamespaceFiles.Emit(ns)) spc.AddSource(file.HintName, file.Text);
        });

        var root = models.Select(static (m, _) => m.Root).WithTrackingName(Steps.Root);
        context.RegisterSourceOutput(root, static (spc, r) =>
        {
            if (r is not null) spc.AddSource(RegistryRootEmitter.HintName, RegistryRootEmitter.Emit(r));
        });

        var diagnostics = models.Select(static (m, _) => m.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, ds) =>
        {
            foreach (var d in ds) spc.ReportDiagnostic(DiagnosticReporter.ToRoslyn(d.Diagnostic));
        });
    }

    /// <summary>
    /// WIPPY0003 for a missing <c>hash:</c> of a binary the build step read: the message gives the line to write, with
    /// the file's SHA-256 (the build step's, from <paramref name="hashes"/> by entry id).
    /// </summary>
    private static IEnumerable<WippyDiagnostic> OfferHashes(IEnumerable<WippyDiagnostic> reported, RegistryDocument document, IReadOnlyDictionary<string, string> hashes)
    {
        foreach (var d in reported)
        {
            const string Missing = " is missing the required field 'hash'";
            var at = d.Id == RegistryDiagnosticIds.MissingRequiredField ? d.Message.IndexOf(Missing, StringComparison.Ordinal) : -1;
            if (at > 0 && document.Entries.OfType<FunctionEntry>().FirstOrDefault(e => e.Hash is null && e.Position == d.Position) is { } entry
                && hashes.TryGetValue(entry.Id, out var sha))
            {
                // (the message's start names the entry and its kind, as the reader wrote it)
                yield return new WippyDiagnostic(d.Id, $"{d.Message.Substring(0, at)}{Missing}; the file '{entry.Path}' has the SHA-256 {sha}: add \"hash: sha256:{sha}\"", d.Position);
                continue;
            }
            yield return d;
        }
    }

    private static GeneratorResult Build(
        IReadOnlyList<ParsedRegistryFile> files, IReadOnlyList<ParsedWitFile> witFiles, IReadOnlyList<TextFile> texts,
        IReadOnlyList<ParsedFactsFile> factFiles, GeneratorOptions options)
    {
        var diagnostics = new ModelDiagnostics();
        var documents = new List<RegistryDocument>();
        // The build step hashed every binary it found, so a missing hash: can be offered as the line to write.
        var hashes = factFiles.Where(f => f.VersionProblem() is null).SelectMany(f => f.Modules)
            .GroupBy(m => m.EntryId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Sha256, StringComparer.Ordinal);
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            diagnostics.Forward(file.Result.Document is { } parsed ? OfferHashes(file.Result.Diagnostics, parsed, hashes) : file.Result.Diagnostics);
            if (file.Result.Document is not null) documents.Add(file.Result.Document);
        }
        diagnostics.Forward(RegistryValidator.Validate(documents));

        // Files the registry names outside the project (and the allowed directories) are errors; their entries are
        // left out of the code, like other entries with a mistake.
        var paths = RegistryPaths.Check(documents, options.RegistryRoot, RegistryPaths.ParseAllowed(options.AllowedPaths, options.RegistryRoot));
        diagnostics.Forward(paths.Diagnostics);
        if (paths.RefusedEntryIds.Count > 0)
        {
            documents = documents
                .Select(d => new RegistryDocument(d.FilePath, d.Version, d.Namespace, d.Entries.Where(e => !paths.RefusedEntryIds.Contains(e.Id)).ToList()))
                .ToList();
        }

        var modules = new List<ModuleFacts>();
        var factsRefused = false;
        foreach (var file in factFiles.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (file.VersionProblem() is { } problem)
            {
                diagnostics.Report(ModuleDiagnosticIds.FactsVersionMismatch, SourcePosition.At(file.Path, 1, 1), problem);
                factsRefused = true;
                continue;
            }
            modules.AddRange(file.Modules);
            diagnostics.Forward(file.Diagnostics);
        }

        var inputs = new GeneratorInputs(documents, modules, texts, witFiles, options.RegistryRoot, options.RootNamespace) { FactsRefused = factsRefused };
        var namespaces = ModelBuilder.Build(inputs, diagnostics);

        // WippyRegistry is emitted whenever the app has registry files, even when none of them parsed: the app's own
        // code refers to it, and a YAML mistake should be one error at its line, not that plus CS0234s in Program.cs.
        var root = files.Count == 0
            ? null
            : new RegistryRootModel(options.RootNamespace,
                namespaces.Select(n => new NamespaceRef(n.RegistryNamespace, n.CsNamespace, n.CsClassName)).ToEquatableArray());
        return new GeneratorResult(namespaces.ToEquatableArray(), root,
            diagnostics.Items.Distinct().Select(d => new DiagnosticModel(d)).ToEquatableArray());
    }

    private static string FileName(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private sealed record GeneratorOptions(string RootNamespace, string RegistryRoot, string AllowedPaths);

    private sealed record GeneratorResult(EquatableArray<NamespaceModel> Namespaces, RegistryRootModel? Root, EquatableArray<DiagnosticModel> Diagnostics);
}
