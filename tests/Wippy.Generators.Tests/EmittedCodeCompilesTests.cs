using Microsoft.CodeAnalysis;
using Wippy.Generators.Tests.Support;

namespace Wippy.Generators.Tests;

/// <summary>
/// What the generator emits compiles against Wippy.Host with no error and no warning (apps build with warnings
/// as errors): nullable enabled, every warning level, XML doc comments checked, no unsafe code. (Each snapshot
/// registry is compiled by <see cref="SnapshotTests"/>.)
/// </summary>
public sealed class EmittedCodeCompilesTests
{
    [Fact]
    public void Abi_test_registry_with_every_wit_type_compiles_without_errors_or_warnings()
    {
        // The Host tests' registry (every function of tests/guests/abi/abi.wit), at its real paths.
        var registryRoot = RepoPaths.Combine("tests", "Wippy.Host.Tests", "registry") + Path.DirectorySeparatorChar;
        var yaml = Path.Combine(registryRoot, "_index.yaml");
        var wit = RepoPaths.Combine("tests", "guests", "abi", "abi.wit");
        var files = new[] { yaml, wit }.Select(p => new InMemoryAdditionalText(p, File.ReadAllText(p))).ToList();

        // As in Wippy.Host.Tests.csproj: the guest's WIT lies outside the registry root, in an allowed directory.
        var result = GeneratorHarness.Run(files, registryRoot, "Wippy.Host.Tests", allowedPaths: RepoPaths.Combine("tests", "guests"));

        Assert.Empty(result.Diagnostics);
        var source = result.NamespaceSource("abi");
        foreach (var method in new[] { "EchoPerson(", "EchoShapes(", "EchoNestedOption(", "EchoResultErrOnly(", "Sum17(", "Mixed(", "EchoFlags(", "EchoTuple(" })
        {
            Assert.Contains(method, source);
        }
        AssertCompilesCleanly(result);
    }

    [Fact]
    public void The_compile_check_sees_warnings_and_doc_comment_mistakes()
    {
        // Guards the check itself: a nullable warning and a malformed doc comment must be reported.
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
            "/// <summary>a < b</summary>\npublic static class C { public static string M() => null; }",
            GeneratorHarness.ParseOptions);

        var problems = EmittedCode.Problems(new[] { tree });

        Assert.Contains(problems, p => p.Contains("CS8603", StringComparison.Ordinal)); // possible null reference return
        Assert.Contains(problems, p => p.Contains("CS1570", StringComparison.Ordinal)); // badly formed XML
    }

    internal static void AssertCompilesCleanly(GeneratorRunResult result)
    {
        Assert.NotEmpty(result.GeneratedSources);
        var problems = EmittedCode.Problems(result.GeneratedSources.Select(s => s.SyntaxTree));
        Assert.True(problems.Count == 0, $"the emitted code has {problems.Count} error(s)/warning(s):\n" + string.Join("\n", problems.Take(30)));
    }
}
