using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Wippy.Generators.Tests.Support;

namespace Wippy.Generators.Tests;

/// <summary>
/// What every emitted file has in common: each type is marked generated (with the generator's version), files exist
/// only for what a namespace has, and the generator's own layering holds (host type names in one file, a model step
/// that does not know the emitters).
/// </summary>
public sealed class GeneratedCodeTests
{
    private static readonly string GeneratorVersion = typeof(RegistryGenerator).Assembly.GetName().Version!.ToString();

    [Theory]
    [InlineData("snapshot")]
    [InlineData("snapshot-components")]
    [InlineData("snapshot-imports")]
    [InlineData("snapshot-lua")]
    [InlineData("snapshot-http")]
    public void Every_generated_type_is_marked_GeneratedCode_with_the_generator_version(string set)
    {
        var result = TestRegistry.FromTestData(set).Run();

        var types = result.GeneratedSources
            .SelectMany(s => s.SyntaxTree.GetRoot().DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Select(t => (s.HintName, Type: t)))
            .ToList();
        Assert.NotEmpty(types);
        foreach (var (hint, type) in types)
        {
            var marks = type.AttributeLists.SelectMany(l => l.Attributes)
                .Where(a => a.Name.ToString() == "global::System.CodeDom.Compiler.GeneratedCode")
                .ToList();
            var mark = Assert.Single(marks);
            var args = mark.ArgumentList!.Arguments.Select(a => ((LiteralExpressionSyntax)a.Expression).Token.ValueText).ToList();
            Assert.True(args.SequenceEqual(["Wippy.Generators", GeneratorVersion]), $"{hint}: {type.Identifier} is marked {mark}");
        }
    }

    [Fact]
    public void The_generated_code_attribute_carries_the_assembly_version_not_a_build_dependent_one()
    {
        var result = TestRegistry.FromTestData("snapshot").Run();

        var proxy = result.Source("Wippy.myns.Proxy.g.cs");
        Assert.Contains($"[global::System.CodeDom.Compiler.GeneratedCode(\"Wippy.Generators\", \"{GeneratorVersion}\")]", proxy, StringComparison.Ordinal);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", GeneratorVersion);
    }

    [Fact]
    public void A_namespace_without_functions_gets_only_its_proxy_and_its_registration()
    {
        var registry = new TestRegistry();
        registry.Add("data/_index.yaml", """
            namespace: data
            entries:
              - name: files
                kind: fs.directory
                directory: ./files
              - name: greeting
                kind: env.variable
                variable: GREETING
                default: hello
            """);

        var result = registry.Run();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "Wippy.Registry.g.cs", "Wippy.data.Proxy.g.cs", "Wippy.data.Registration.g.cs" }, result.HintNames());
        Assert.Contains("new global::Wippy.Host.Registry.FsDirectoryDescriptor(\"data:files\"", result.Source("Wippy.data.Registration.g.cs"), StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Emitters_write_host_type_names_only_through_HostApi()
    {
        var emit = RepoPaths.Combine("src", "Wippy.Generators", "Emit");
        var files = Directory.EnumerateFiles(emit, "*.cs", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "HostApi.cs").ToList();
        Assert.NotEmpty(files);
        Assert.True(File.Exists(Path.Combine(emit, "HostApi.cs")));

        var offenders = files
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("global::Wippy.", StringComparison.Ordinal) || l.Text.Contains("global::Microsoft.Extensions.", StringComparison.Ordinal))
            .Select(l => $"{l.File}({l.Line}): {l.Text.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "host type names spelled outside Emit/HostApi.cs:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_model_step_does_not_depend_on_the_emitters()
    {
        var generator = RepoPaths.Combine("src", "Wippy.Generators");
        var modelSide = new[] { "Pipeline", "Model", "Abi" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(generator, d), "*.cs", SearchOption.AllDirectories))
            .ToList();
        Assert.NotEmpty(modelSide);

        var offenders = modelSide.Where(f => File.ReadAllText(f).Contains("Wippy.Generators.Emit", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
        Assert.True(offenders.Count == 0, "the model step uses Emit/ in: " + string.Join(", ", offenders));
    }
}
