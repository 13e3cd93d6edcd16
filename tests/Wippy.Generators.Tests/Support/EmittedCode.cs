using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Wippy.Generators.Tests.Support;

/// <summary>
/// Compiles what the generator emitted as an app would: nullable enabled, every warning reported, against the
/// shared framework plus Wippy.Host, Wippy.Abstractions and Microsoft.Extensions.DependencyInjection.
/// </summary>
internal static class EmittedCode
{
    private static readonly string[] WippyAssemblies =
    {
        "Wippy.Host.dll",
        "Wippy.Abstractions.dll",
        "Microsoft.Extensions.DependencyInjection.dll",
        "Microsoft.Extensions.DependencyInjection.Abstractions.dll",
    };

    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyReferences = new(LoadReferences);

    public static IReadOnlyList<MetadataReference> References => LazyReferences.Value;

    public static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) =>
        CSharpCompilation.Create(
            "EmittedCodeCheck",
            trees,
            References,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 9999,
                allowUnsafe: false));

    /// <summary>The errors and warnings of the emitted code, formatted one per line with the offending source line.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<SyntaxTree> trees) =>
        Compile(trees).GetDiagnostics()
            .Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning)
            .Select(Describe)
            .ToList();

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        var line = d.Location.SourceTree is { } tree
            ? tree.GetText().Lines[span.StartLinePosition.Line].ToString().Trim()
            : "";
        return $"{Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity} {d.Id}: {d.GetMessage()}\n    {line}";
    }

    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        // The shared framework only (the directory of System.Private.CoreLib): the test's own dependencies (xunit,
        // Roslyn) must not make emitted code compile that an app could not compile.
        var frameworkDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var tpa = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = tpa.Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDir, StringComparison.Ordinal));
        var wippy = WippyAssemblies.Select(name =>
        {
            var path = Path.Combine(AppContext.BaseDirectory, name);
            Assert.True(File.Exists(path), $"{name} is missing from the test output folder {AppContext.BaseDirectory}");
            return path;
        });
        // Framework assemblies that Wippy.Host's packages bring in a newer version (Microsoft.Extensions.* 11 bring
        // System.Text.Json 11 over .NET 10's): an app gets those copies next to it, instead of the framework's.
        var upgraded = new[] { "System.Text.Json.dll", "System.Text.Encodings.Web.dll", "System.IO.Pipelines.dll", "System.Diagnostics.DiagnosticSource.dll" }
            .Select(name => Path.Combine(AppContext.BaseDirectory, name))
            .Where(File.Exists)
            .ToList();
        var replaced = upgraded.Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);
        return framework.Where(p => !replaced.Contains(Path.GetFileName(p))).Concat(upgraded).Concat(wippy)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToList();
    }
}
