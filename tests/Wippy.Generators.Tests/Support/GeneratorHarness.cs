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

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, string registryRoot, string rootNamespace = RootNamespace) =>
        CSharpGeneratorDriver.Create(
            new[] { new RegistryGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            TestOptionsProvider.For(rootNamespace, registryRoot),
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

    /// <summary>Creates a driver and runs it once.</summary>
    public static GeneratorRunResult Run(IEnumerable<AdditionalText> files, string registryRoot, string rootNamespace = RootNamespace) =>
        Run(CreateDriver(files, registryRoot, rootNamespace)).GetRunResult().Results.Single();

    private static CSharpCompilation EmptyApp { get; } = CSharpCompilation.Create(
        "TestApp", Array.Empty<SyntaxTree>(), Array.Empty<MetadataReference>(),
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>The emitted source of <paramref name="hintName"/> (e.g. <c>Wippy.myns.g.cs</c>), or a failure naming what was emitted.</summary>
    public static string Source(this GeneratorRunResult result, string hintName)
    {
        var found = result.GeneratedSources.Where(s => s.HintName == hintName).ToList();
        Assert.True(found.Count == 1,
            $"expected one emitted file '{hintName}'; emitted: {string.Join(", ", result.GeneratedSources.Select(s => s.HintName))}");
        return found[0].SourceText.ToString();
    }

    /// <summary>The hint names of every emitted file, sorted.</summary>
    public static ImmutableArray<string> HintNames(this GeneratorRunResult result) =>
        result.GeneratedSources.Select(s => s.HintName).OrderBy(n => n, StringComparer.Ordinal).ToImmutableArray();
}
