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
/// The Wippy source generator. Reads every <c>_index.yaml</c>, <c>.wat</c> and <c>.wit</c> AdditionalFile and
/// the module facts of the build step, and emits one file per registry namespace plus the registration.
/// Pipeline: parse each file on its own (cached per file) → build equatable models for the whole registry →
/// emit each namespace separately, so editing one namespace's YAML leaves the others' output cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RegistryGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps, for tests that assert what was cached.</summary>
    public static class Steps
    {
        /// <summary>Each <c>_index.yaml</c>, parsed.</summary>
        public const string RegistryFiles = "RegistryFiles";
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
            return new GeneratorOptions(string.IsNullOrEmpty(rootNamespace) ? "WippyApp" : rootNamespace!, root ?? string.Empty);
        });

        var registryFiles = context.AdditionalTextsProvider
            .Where(static f => FileName(f.Path) == "_index.yaml")
            .Select(static (f, ct) => ParsedRegistryFile.Parse(f.Path, f.GetText(ct)?.ToString() ?? string.Empty))
            .WithTrackingName(Steps.RegistryFiles);

        var textFiles = context.AdditionalTextsProvider
            .Where(static f => f.Path.EndsWith(".wat", StringComparison.OrdinalIgnoreCase) || f.Path.EndsWith(".wit", StringComparison.OrdinalIgnoreCase)
                || f.Path.EndsWith(".lua", StringComparison.OrdinalIgnoreCase))
            .Select(static (f, ct) => new TextFile(f.Path, f.GetText(ct)?.ToString() ?? string.Empty));

        var facts = context.AdditionalTextsProvider
            .Where(static f => FileName(f.Path) == ModuleFactsFile.FileName)
            .Select(static (f, ct) => f.GetText(ct)?.ToString() ?? string.Empty);

        var models = registryFiles.Collect()
            .Combine(textFiles.Collect())
            .Combine(facts.Collect())
            .Combine(options)
            .Select(static (input, _) => Build(input.Left.Left.Left, input.Left.Left.Right, input.Left.Right, input.Right))
            .WithTrackingName(Steps.Models);

        var namespaces = models.SelectMany(static (m, _) => m.Namespaces).WithTrackingName(Steps.Namespaces);
        context.RegisterSourceOutput(namespaces, static (spc, ns) => spc.AddSource(ns.HintName, NamespaceEmitter.Emit(ns)));

        var root = models.Select(static (m, _) => m.Root).WithTrackingName(Steps.Root);
        context.RegisterSourceOutput(root, static (spc, r) =>
        {
            if (r is not null) spc.AddSource("Wippy.Registry.g.cs", RegistrationEmitter.EmitRoot(r));
        });

        var diagnostics = models.Select(static (m, _) => m.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (spc, ds) =>
        {
            foreach (var d in ds) spc.ReportDiagnostic(DiagnosticReporter.ToRoslyn(d.Diagnostic));
        });
    }

    private static GeneratorResult Build(
        IReadOnlyList<ParsedRegistryFile> files, IReadOnlyList<TextFile> texts, IReadOnlyList<string> factFiles, GeneratorOptions options)
    {
        var diagnostics = new List<WippyDiagnostic>();
        var documents = new List<RegistryDocument>();
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            diagnostics.AddRange(file.Result.Diagnostics);
            if (file.Result.Document is not null) documents.Add(file.Result.Document);
        }
        diagnostics.AddRange(RegistryValidator.Validate(documents));

        var modules = new List<ModuleFacts>();
        foreach (var text in factFiles)
        {
            var (m, d) = ModuleFactsFile.Parse(text);
            modules.AddRange(m);
            diagnostics.AddRange(d);
        }

        var builder = new ModelBuilder(new GeneratorInputs(documents, modules, texts, options.RegistryRoot, options.RootNamespace));
        var namespaces = builder.Build();
        diagnostics.AddRange(builder.Diagnostics);

        // WippyRegistry is emitted whenever the app has registry files, even when none of them parsed: the app's own
        // code refers to it, and a YAML mistake should be one error at its line, not that plus CS0234s in Program.cs.
        var root = files.Count == 0
            ? null
            : new RegistryRootModel(options.RootNamespace,
                namespaces.Select(n => new NamespaceRef(n.RegistryNamespace, n.CsNamespace, n.CsClassName)).ToEquatableArray());
        return new GeneratorResult(namespaces.ToEquatableArray(), root,
            diagnostics.Distinct().Select(d => new DiagnosticModel(d)).ToEquatableArray());
    }

    private static string FileName(string path)
    {
        var slash = Math.Max(path.LastIndexOf('/'), path.LastIndexOf('\\'));
        return slash < 0 ? path : path.Substring(slash + 1);
    }

    private sealed record GeneratorOptions(string RootNamespace, string RegistryRoot);

    private sealed record GeneratorResult(EquatableArray<NamespaceModel> Namespaces, RegistryRootModel? Root, EquatableArray<DiagnosticModel> Diagnostics);
}
