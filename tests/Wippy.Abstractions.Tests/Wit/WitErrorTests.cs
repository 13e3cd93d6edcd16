using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>Bad input: each diagnostic's id, line, column and message; recovery after errors.</summary>
public sealed class WitErrorTests
{
    [Fact]
    public void Missing_semicolon_after_a_function()
    {
        var d = WitTestKit.ParseFails("interface i {\n    f: func()\n}", WitDiagnosticIds.Syntax, 3, 1);
        Assert.Equal("expected ';' after the function signature, found '}'", d.Message);
    }

    [Fact]
    public void Unexpected_character()
    {
        WitTestKit.ParseFails("interface i {\n  f: func(a: u32#);\n}", WitDiagnosticIds.UnexpectedCharacter, 2, 17);
    }

    [Fact]
    public void Unterminated_block_comment()
    {
        WitTestKit.ParseFails("interface i {}\n  /* no end", WitDiagnosticIds.Unterminated, 2, 3);
    }

    [Fact]
    public void Keyword_as_a_name_without_percent()
    {
        var d = WitTestKit.ParseFails("interface i {\n  record type { a: u32 }\n}", WitDiagnosticIds.KeywordAsIdentifier, 2, 10);
        Assert.Contains("%type", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("interface Foo-bar {}", 1, 11)]
    [InlineData("interface a--b {}", 1, 11)]
    [InlineData("interface a-1 {}", 1, 11)]
    [InlineData("interface a- {}", 1, 11)]
    public void Identifiers_that_are_not_kebab_case(string text, int line, int column)
    {
        WitTestKit.ParseFails(text, WitDiagnosticIds.InvalidIdentifier, line, column);
    }

    [Fact]
    public void Invalid_version()
    {
        WitTestKit.ParseFails("package a:b@1.0;", WitDiagnosticIds.InvalidVersion, 1, 13);
    }

    [Fact]
    public void Unknown_annotation()
    {
        WitTestKit.ParseFails("interface i {\n  @sometime(version = 1.0.0)\n  f: func();\n}", WitDiagnosticIds.InvalidGate, 2, 4);
    }

    [Fact]
    public void Named_results_are_rejected()
    {
        var d = WitTestKit.ParseFails("interface i {\n  f: func() -> (a: u32, b: u32);\n}", WitDiagnosticIds.NamedResults, 2, 16);
        Assert.Contains("tuple or a record", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_declaration_after_items()
    {
        WitTestKit.ParseFails("interface i {}\npackage a:b;", WitDiagnosticIds.MisplacedPackage, 2, 9);
    }

    [Fact]
    public void Fixed_list_length_must_be_positive()
    {
        WitTestKit.ParseFails("interface i { f: func(a: list<u8, 0>); }", WitDiagnosticIds.InvalidListLength, 1, 35);
    }

    [Fact]
    public void Two_constructors()
    {
        WitTestKit.ParseFails("interface i {\n  resource r {\n    constructor();\n    constructor(a: u32);\n  }\n}", WitDiagnosticIds.DuplicateConstructor, 4, 5);
    }

    [Fact]
    public void Empty_record_needs_a_field()
    {
        var d = WitTestKit.ParseFails("interface i { record r {} }", WitDiagnosticIds.Syntax, 1, 25);
        Assert.Equal("expected a field name (the record 'r' needs at least one), found '}'", d.Message);
    }

    [Fact]
    public void Missing_type()
    {
        var d = WitTestKit.ParseFails("interface i { f: func(a: ) ; }", WitDiagnosticIds.Syntax, 1, 26);
        Assert.Equal("expected a type for the parameter 'a', found ')'", d.Message);
    }

    [Fact]
    public void Unexpected_top_level_item()
    {
        var d = WitTestKit.ParseFails("record r { a: u32 }", WitDiagnosticIds.Syntax, 1, 1);
        Assert.Equal("expected 'package', 'interface', 'world' or 'use', found keyword 'record'", d.Message);
    }

    [Fact]
    public void Unclosed_interface_reports_end_of_input()
    {
        var d = WitTestKit.ParseFails("interface i {\n  f: func();\n", WitDiagnosticIds.Syntax, 3, 1);
        Assert.Equal("expected '}' to close the interface 'i', found end of input", d.Message);
    }

    [Fact]
    public void Recovers_and_reports_each_broken_item()
    {
        var result = WitParser.Parse("""
            interface i {
                a: func(x: ) -> u32;
                record r { x: u32, y: }
                good: func();
            }
            world w {
                import ;
                export good-too: func();
            }
            interface after {}
            """, "multi.wit");
        Assert.Equal(new[] { 2, 3, 7 }, result.Diagnostics.Select(d => d.Position.Line));
        Assert.True(result.HasErrors);
        var doc = result.Document!;
        Assert.Equal(new[] { "i", "after" }, doc.Interfaces.Select(i => i.Name));
        Assert.Equal("good", Assert.Single(doc.Interfaces[0].Functions).Name);
        Assert.Empty(doc.Interfaces[0].TypeDefs);
        Assert.Equal("good-too", Assert.Single(doc.Worlds[0].Items).Name);
    }

    [Fact]
    public void Garbage_never_throws()
    {
        string[] inputs = { "}}}", "{{{", "interface", "package", "@", "world w { import a:b; }", "%", "\"abc", "use a:b", "interface i { f: func() -> result<_>; }", "-> -> ->", "interface i { resource r { constructor } }" };
        foreach (string input in inputs)
        {
            var full = WitParser.Parse(input, "g.wit");
            var bare = WitParser.ParseSignatures(input, "g.wit");
            Assert.NotNull(full.Document);
            Assert.NotNull(bare.Document);
            Assert.NotEmpty(full.Diagnostics);
        }
    }
}
