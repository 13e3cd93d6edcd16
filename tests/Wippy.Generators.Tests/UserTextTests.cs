using Wippy.Generators.Tests.Support;

namespace Wippy.Generators.Tests;

/// <summary>Text the user writes (comments, WIT docs, inline WAT) is escaped so that the emitted code always compiles.</summary>
public sealed class UserTextTests
{
    [Fact]
    public void Xml_and_quote_characters_in_comments_docs_and_wat_are_escaped()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: escaped
                kind: function.wat
                meta:
                  title: "Tom & Jerry's <b>\"quoted\"</b>"
                  comment: |
                    Line one with </summary> in it,
                    and a back\slash and a "quote".
                source: |
                  (module ;; "quoted" \ back\slash	tab
                    (func (export "f") (result i32) i32.const 0))
                wit: |
                  /// Docs with <tags> & ampersands.
                  f: func() -> s32;
                method: f
            """;
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", yaml);

        var result = registry.Run();

        Assert.Empty(result.Diagnostics);
        var source = result.NamespaceSource("app");
        Assert.Contains("/// Tom &amp; Jerry's &lt;b&gt;\"quoted\"&lt;/b&gt;", source, StringComparison.Ordinal);
        Assert.Contains("\"(module ;; \\\"quoted\\\" \\\\ back\\\\slash\\ttab\\n", source, StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Unicode_line_separators_in_inline_wat_are_escaped_in_the_string_literal()
    {
        // "\L" and "\P" are YAML's escapes for U+2028 and U+2029.
        const string yaml = """
            namespace: app
            entries:
              - name: separators
                kind: function.wat
                source: "(module ;; a\Lb\Pc\n  (func (export \"f\") (result i32) i32.const 0))"
                wit: |
                  f: func() -> s32;
                method: f
            """;

        var result = Run(yaml);

        Assert.Empty(result.Diagnostics);
        Assert.Contains("\\u2028", result.NamespaceSource("app"), StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Unicode_line_separators_in_comments_stay_inside_the_doc_comment()
    {
        // "\L", "\P" and "\N" are YAML's escapes for U+2028, U+2029 and U+0085.
        const string yaml = """
            namespace: app
            entries:
              - name: separators
                kind: function.wat
                meta:
                  comment: "before\Lafter\Pend\Nlast"
                source: |
                  (module (func (export "f") (result i32) i32.const 0))
                wit: |
                  f: func() -> s32;
                method: f
            """;

        var result = Run(yaml);

        Assert.Empty(result.Diagnostics);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    private static Microsoft.CodeAnalysis.GeneratorRunResult Run(string yaml)
    {
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", yaml);
        return registry.Run();
    }
}
