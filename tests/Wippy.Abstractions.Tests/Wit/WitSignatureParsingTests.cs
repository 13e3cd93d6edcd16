using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>The bare signature form of a registry entry's <c>wit:</c> field, and the line/column offsets.</summary>
public sealed class WitSignatureParsingTests
{
    [Fact]
    public void Single_signature()
    {
        var anonymous = WitTestKit.ParseSignaturesOk("answer: func() -> s32;");
        Assert.Null(anonymous.Name);
        var answer = Assert.Single(anonymous.Functions);
        Assert.Equal("answer", answer.Name);
        Assert.Empty(answer.Params);
    }

    [Fact]
    public void Types_beside_functions_and_use_lines()
    {
        var anonymous = WitTestKit.ParseSignaturesOk("""
            use wasi:io/streams@0.2.0.{input-stream};
            record user { id: u32, name: string }
            transform-users: func(users: list<user>) -> list<user>;
            """);
        Assert.Single(anonymous.Uses);
        Assert.Equal("user", Assert.Single(anonymous.TypeDefs).Name);
        var f = Assert.Single(anonymous.Functions);
        Assert.Equal("user", Assert.IsType<WitNamedType>(Assert.IsType<WitListType>(f.Params[0].Type).Element).Name);
    }

    [Fact]
    public void Document_of_a_signature_block_has_one_anonymous_interface()
    {
        var result = WitParser.ParseSignatures("a: func();", "registry/_index.yaml");
        var doc = result.Document!;
        Assert.Null(doc.Package);
        Assert.Equal("registry/_index.yaml", doc.FilePath);
        Assert.Null(Assert.Single(doc.Interfaces).Name);
        Assert.Empty(doc.Worlds);
    }

    [Theory]
    [InlineData("interface i {}")]
    [InlineData("world w {}")]
    [InlineData("package a:b;")]
    public void Wrappers_are_not_allowed(string text)
    {
        var result = WitParser.ParseSignatures(text, "entry.yaml");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(WitDiagnosticIds.NotAllowedInSignatures, d.Id);
        Assert.Equal((1, 1), (d.Position.Line, d.Position.Column));
    }

    [Fact]
    public void Offsets_move_positions_into_the_enclosing_file()
    {
        // As if the block started on line 12 of a YAML file, indented by 6 columns.
        var result = WitParser.ParseSignatures("record user { id: u32 }\nget: func() -> user;", "_index.yaml", firstLine: 12, firstColumnOffset: 6);
        Assert.Empty(result.Diagnostics);
        var anonymous = result.Document!.Interfaces[0];
        var record = anonymous.TypeDefs[0];
        Assert.Equal(("_index.yaml", 12, 7), (record.Position.FilePath, record.Position.Line, record.Position.Column));
        var get = anonymous.Functions[0];
        Assert.Equal((13, 7, 13, 27), (get.Position.Line, get.Position.Column, get.Position.EndLine, get.Position.EndColumn));
        Assert.Equal((13, 22), (get.Result!.Position.Line, get.Result.Position.Column));
    }

    [Fact]
    public void Offsets_apply_to_diagnostics()
    {
        var result = WitParser.ParseSignatures("a: func();\nb: func() -> u32\n", "_index.yaml", firstLine: 40, firstColumnOffset: 4);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(WitDiagnosticIds.Syntax, d.Id);
        Assert.Equal("expected ';' after the function signature, found end of input", d.Message);
        Assert.Equal((42, 5), (d.Position.Line, d.Position.Column));
    }

    [Fact]
    public void Parse_also_takes_offsets()
    {
        var result = WitParser.Parse("interface i {\n  f: func() -> %;\n}", "x.yaml", firstLine: 3, firstColumnOffset: 2);
        var d = result.Diagnostics[0];
        Assert.Equal(WitDiagnosticIds.UnexpectedCharacter, d.Id);
        Assert.Equal((4, 18), (d.Position.Line, d.Position.Column));
    }

    [Fact]
    public void Windows_line_endings_count_lines_the_same()
    {
        var result = WitParser.ParseSignatures("a: func();\r\n\r\nb: func() -> u32;\r\n", "crlf.yaml");
        Assert.Empty(result.Diagnostics);
        var b = result.Document!.Interfaces[0].Functions[1];
        Assert.Equal((3, 1, 3, 18), (b.Position.Line, b.Position.Column, b.Position.EndLine, b.Position.EndColumn));
    }
}
