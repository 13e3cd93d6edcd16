using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Wippy.Generators.Tests.Support;

/// <summary>
/// Runs <see cref="RegistryGenerator"/> in-process, the way the compiler does: AdditionalFiles held in memory,
/// build properties from a test options provider, and incremental step tracking switched on.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>The C# namespace the emitted code lives under in these tests.</summary>
    public const string RootNamespace = "TestApp";

    /// <summary>Latest C#, and XML doc comments checked, as in an app that builds its documentation file.</summary>
    public static CSharpParseOptions ParseOptions { get; } =
        new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Diagnose);

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, string registryRoot, string rootNamespace = RootNamespace, string allowedPaths = "") =>
        CSharpGeneratorDriver.Create(
            new[] { new RegistryGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            TestOptionsProvider.For(rootNamespace, registryRoot, allowedPaths),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// Runs the generator over an empty app compilation and returns the driver holding the result. Every diagnostic
    /// it reported is checked against the diagnostic catalogue and docs/diagnostics.md (<see cref="CatalogueCheck"/>).
    /// </summary>
    public static GeneratorDriver Run(GeneratorDriver driver)
    {
        var ran = driver.RunGenerators(EmptyApp);
        CatalogueCheck.Reported(ran.GetRunResult().Diagnostics);
        return ran;
    }

    /// <summary>Creates a driver and runs it once (<paramref name="allowedPaths"/>: the app's <c>WippyAllowedPaths</c>).</summary>
    public static GeneratorRunResult Run(IEnumerable<AdditionalText> files, string registryRoot, string rootNamespace = RootNamespace, string allowedPaths = "") =>
        Run(CreateDriver(files, registryRoot, rootNamespace, allowedPaths)).GetRunResult().Results.Single();

    private static CSharpCompilation EmptyApp { get; } = CSharpCompilation.Create(
        "TestApp", Array.Empty<SyntaxTree>(), Array.Empty<MetadataReference>(),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>The emitted source of <paramref name="hintName"/> (e.g. <c>Wippy.myns.Proxy.g.cs</c>), or a failure naming what was emitted.</summary>
    public static string Source(this GeneratorRunResult result, string hintName)
    {
        var found = result.GeneratedSources.Where(s => s.HintName == hintName).ToList();
        Assert.True(found.Count == 1,
            $"expected one emitted file '{hintName}'; emitted: {string.Join(", ", result.GeneratedSources.Select(s => s.HintName))}");
        return found[0].SourceText.ToString();
    }

    /// <summary>The concerns of a namespace's files, in the order <see cref="NamespaceSource"/> joins them (<c>Wippy.&lt;ns&gt;.&lt;concern&gt;.g.cs</c>).</summary>
    public static readonly string[] NamespaceConcerns = { "Proxy", "Types", "Resources", "Imports", "Abi", "Json", "Lua", "Registration" };

    /// <summary>
    /// Every file emitted for the registry namespace <paramref name="registryNamespace"/>, joined in the order of
    /// <see cref="NamespaceConcerns"/> (the proxy first), for assertions about what a namespace's code holds wherever it is.
    /// </summary>
    public static string NamespaceSource(this GeneratorRunResult result, string registryNamespace)
    {
        var byHint = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);
        Assert.True(byHint.ContainsKey($"Wippy.{registryNamespace}.Proxy.g.cs"),
            $"expected the files of namespace '{registryNamespace}'; emitted: {string.Join(", ", byHint.Keys)}");
        return string.Concat(NamespaceConcerns
            .Select(c => $"Wippy.{registryNamespace}.{c}.g.cs")
            .Where(byHint.ContainsKey)
            .Select(h => byHint[h]));
    }

    /// <summary>The hint names of every emitted file, sorted.</summary>
    public static ImmutableArray<string> HintNames(this GeneratorRunResult result) =>
        result.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToImmutableArray();
}
