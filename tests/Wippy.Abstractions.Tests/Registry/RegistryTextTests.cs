using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>Inline text positions (so WAT/WIT errors land on the right YAML line) and file:// resolution.</summary>
public sealed class RegistryTextTests
{
    private const string Yaml = """
        namespace: myns
        entries:
          - name: answer
            kind: function.wat
            source: |
              (module
                (func (export "answer") (result i32)
                  i32.const 42))
            wit: |

                answer: func() -> s32;
            method: answer
        """;

    private static FunctionEntry Answer(string yaml) => Entry<FunctionEntry>(ParseClean(yaml), "answer");

    [Fact]
    public void Source_block_content_position()
    {
        var source = Answer(Yaml).Source!;
        Assert.Equal(RegistryTextStyle.Literal, source.Style);
        Assert.Equal(5, source.Position.Line);
        Assert.Equal(13, source.Position.Column);
        Assert.Equal(6, source.ContentLine);
        Assert.Equal(6, source.ContentColumnOffset);

        // "export" is on line 2, column 10 of the WAT; in the YAML that is line 7, column 16.
        Assert.Equal(10, source.Value!.Split('\n')[1].IndexOf("export", StringComparison.Ordinal) + 1);
        var mapped = source.MapPosition(2, 10);
        Assert.Equal((7, 16), (mapped.Line, mapped.Column));
        Assert.Equal(FilePath, mapped.FilePath);
    }

    [Fact]
    public void Wit_block_with_a_leading_blank_line_keeps_line_mapping()
    {
        var wit = Answer(Yaml).Wit!;
        Assert.Equal("\nanswer: func() -> s32;\n", wit.Value);
        Assert.Equal(10, wit.ContentLine);
        Assert.Equal(8, wit.ContentColumnOffset);
        var mapped = wit.MapPosition(2, 1);
        Assert.Equal((11, 9), (mapped.Line, mapped.Column));
    }

    [Fact]
    public void Explicit_indentation_indicator()
    {
        var yaml = RegistryYaml.Wat("    wit: |2\n        answer: func() -> s32;\n");
        var wit = Answer(yaml).Wit!;
        Assert.Equal("  answer: func() -> s32;\n", wit.Value);
        Assert.Equal(8, wit.ContentLine);
        Assert.Equal(6, wit.ContentColumnOffset);
    }

    [Fact]
    public void Plain_and_quoted_one_line_scalars_start_at_the_scalar()
    {
        var quoted = Answer(RegistryYaml.Wat("    wit: \"answer: func() -> s32;\"\n")).Wit!;
        Assert.Equal(RegistryTextStyle.DoubleQuoted, quoted.Style);
        Assert.Equal(7, quoted.ContentLine);
        Assert.Equal(10, quoted.ContentColumnOffset);
        Assert.Equal((7, 11), (quoted.MapPosition(1, 1).Line, quoted.MapPosition(1, 1).Column));

        var source = Answer(RegistryYaml.Wat().Replace("source: file://answer.wat", "source: (module)")).Source!;
        Assert.Equal(RegistryTextStyle.Plain, source.Style);
        Assert.Equal("(module)", source.Value);
        Assert.Equal((5, 13), (source.MapPosition(1, 1).Line, source.MapPosition(1, 1).Column));
    }

    [Fact]
    public void File_reference_resolves_relative_to_the_yaml_file()
    {
        var yaml = RegistryYaml.Wat("    wit: file://../wit/answer.wit\n").Replace("file://answer.wat", "file://src/answer.wat");
        var entry = Answer(yaml);
        Assert.Equal("src/answer.wat", entry.Source!.FileReference);
        Assert.Equal(Path.Combine(FileDirectory, "src", "answer.wat"), entry.Source.ResolvedPath);
        Assert.Equal(Path.GetFullPath(Path.Combine(FileDirectory, "..", "wit", "answer.wit")), entry.Wit!.ResolvedPath);
        Assert.Equal(7, entry.Wit.Position.Line);
    }

    [Fact]
    public void Empty_file_reference() =>
        SingleFor(RegistryYaml.Wat().Replace("file://answer.wat", "file://"), RegistryDiagnosticIds.InvalidPath, 5, 13);

    [Fact]
    public void Source_must_be_text() =>
        SingleFor(RegistryYaml.Wat().Replace("source: file://answer.wat", "source: [a]"), RegistryDiagnosticIds.WrongValueType, 5, 13);
}
