using Wippy.Modules;

namespace Wippy.Build.Tests;

/// <summary>
/// The facts file the build step hands to the generator starts with the format version, which the generator checks
/// before it reads the positional records (a file of another version is refused, not misread).
/// </summary>
public sealed class FactsFileTests : IDisposable
{
    private readonly TempRegistry _registry = new();

    public void Dispose() => _registry.Dispose();

    [Fact]
    public void The_build_step_writes_the_format_version_first_then_the_facts()
    {
        _registry.Write("_index.yaml", """
            version: "1.0"
            namespace: myns
            entries:
              - name: answer
                kind: function.wat
                source: |
                  (module (func (export "answer") (result i32) i32.const 42))
                method: answer
            """);
        var output = Path.Combine(_registry.Root, "obj", "wippy", ModuleFactsFile.FileName);
        var stderr = new StringWriter();

        var exit = BuildCommand.Run(["inspect", "--root", _registry.Root, "--out", output], stderr);

        Assert.True(exit == 0, stderr.ToString());
        var text = File.ReadAllText(output);
        Assert.Equal(ModuleFactsFile.VersionLine, text.Split('\n')[0]);
        Assert.Equal($"# wippy module facts v{ModuleFactsFile.FormatVersion}", ModuleFactsFile.VersionLine);
        Assert.Equal(ModuleFactsFile.FormatVersion, ModuleFactsFile.ReadVersion(text));
        var (modules, diagnostics) = ModuleFactsFile.Parse(text);
        Assert.Empty(diagnostics);
        Assert.Equal(["i32"], Assert.Single(modules).FindExport("answer")!.Results);
    }

    [Theory]
    [InlineData("# wippy module facts v1\nmodule\tx:y\tcore\taa\n", 1)]
    [InlineData("# wippy module facts v12\r\n", 12)]
    [InlineData("\uFEFF# wippy module facts v2\n", 2)]
    [InlineData("# wippy module facts v2", 2)]
    [InlineData("module\tx:y\tcore\taa\n# wippy module facts v2\n", null)]
    [InlineData("# wippy module facts v\n", null)]
    [InlineData("# wippy module facts v-1\n", null)]
    [InlineData("# wippy module facts v 2\n", null)]
    [InlineData("", null)]
    public void The_version_is_read_from_the_first_line_only(string text, int? version)
    {
        Assert.Equal(version, ModuleFactsFile.ReadVersion(text));
    }
}
