using Microsoft.CodeAnalysis;
using Wippy.Generators.Tests.Support;

namespace Wippy.Generators.Tests;

/// <summary>The build properties the generator reads: RootNamespace, WippyRegistryRoot, and ProjectDir as the fallback root.</summary>
public sealed class GeneratorOptionsTests
{
    [Fact]
    public void Root_namespace_prefixes_every_generated_namespace()
    {
        var result = Run(new() { ["build_property.RootNamespace"] = "My.Company.App", ["build_property.WippyRegistryRoot"] = "/app/" });

        Assert.Contains("namespace My.Company.App.Alpha", result.NamespaceSource("alpha"), StringComparison.Ordinal);
        Assert.Contains("namespace My.Company.App\n", result.Source("Wippy.Registry.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_root_namespace_the_code_goes_to_WippyApp()
    {
        var result = Run(new() { ["build_property.WippyRegistryRoot"] = "/app/" });

        Assert.Contains("namespace WippyApp.Alpha", result.NamespaceSource("alpha"), StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_in_emitted_code_are_relative_to_the_registry_root_with_or_without_a_trailing_slash()
    {
        var withSlash = Run(new() { ["build_property.WippyRegistryRoot"] = "/app/" }).NamespaceSource("alpha");
        var withoutSlash = Run(new() { ["build_property.WippyRegistryRoot"] = "/app" }).NamespaceSource("alpha");

        Assert.Contains("\"alpha/_index.yaml:3\"", withSlash, StringComparison.Ordinal);
        Assert.Equal(withSlash, withoutSlash);
    }

    [Fact]
    public void Without_a_registry_root_paths_are_relative_to_the_project_directory()
    {
        var result = Run(new() { ["build_property.ProjectDir"] = "/app/alpha/" });

        Assert.Contains("\"_index.yaml:3\"", result.NamespaceSource("alpha"), StringComparison.Ordinal);
    }

    private static Microsoft.CodeAnalysis.GeneratorRunResult Run(Dictionary<string, string> properties)
    {
        var files = new[] { new InMemoryAdditionalText("/app/alpha/_index.yaml", SmallRegistries.Alpha) };
        var driver = Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver.Create(
            new[] { new RegistryGenerator().AsSourceGenerator() }, files, GeneratorHarness.ParseOptions, new TestOptionsProvider(properties));
        var result = driver.RunGenerators(Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("TestApp")).GetRunResult().Results.Single();
        Assert.Empty(result.Diagnostics);
        return result;
    }
}
