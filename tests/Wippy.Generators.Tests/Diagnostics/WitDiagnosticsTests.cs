using Wippy.Generators.Tests.Support;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>
/// Mistakes in an entry's WIT signature are reported where they are written: inside the YAML block scalar (at
/// the bad token, not at the block) or in the <c>.wit</c> file; the other entries are still emitted.
/// </summary>
public sealed class WitDiagnosticsTests
{
    [Fact]
    public void Syntax_error_in_an_inline_block_is_reported_at_the_bad_token_inside_the_block()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: broken
                kind: function.wat
                source: |
                  (module)
                wit: |
                  record point { x: s32, y: s32 }
                  f: func(p point) -> s32;
                method: f
            """;

        var result = ErrorScenario.Run(yaml);

        var d = Single(result, "WIPPY0102");
        Is(d, ErrorScenario.Path, TextPosition.Of(yaml, "point) -> s32"), "expected ':' after the parameter name 'p', found 'point'");
        Assert.True(d.Location.GetLineSpan().StartLinePosition.Line + 1 > TextPosition.Of(yaml, "wit: |").Line, "the error must be inside the block, not at 'wit: |'");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:broken");
    }

    [Fact]
    public void Syntax_error_in_a_quoted_one_line_signature_is_reported_at_the_bad_token()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: quoted
                kind: function.wat
                source: |
                  (module)
                wit: "f: func(a s32) -> s32;"
                method: f
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0102"), ErrorScenario.Path, TextPosition.Of(yaml, "s32) -> s32;\""), "expected ':' after the parameter name 'a'");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:quoted");
    }

    [Fact]
    public void Syntax_error_in_a_wit_file_is_reported_in_that_file()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: from_file
                kind: function.wat
                source: |
                  (module)
                wit: file://sig.wit
                method: f
            """;
        const string wit = "/// Adds.\nf: func(a: s32, b s32) -> s32;\n";

        var result = ErrorScenario.Run(yaml, ("app/sig.wit", wit));

        Is(Single(result, "WIPPY0102"), TestRegistry.Root + "app/sig.wit", TextPosition.Of(wit, "s32) -> s32"), "after the parameter name 'b'");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:from_file");
    }

    [Fact]
    public void Method_not_declared_by_the_wit_is_reported_at_the_wit_value_and_lists_the_declared_ones()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: other
                kind: function.wat
                source: |
                  (module)
                wit: |
                  g: func() -> s32;
                  h: func() -> s32;
                method: f
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0208"), ErrorScenario.Path, TextPosition.Of(yaml, "|\n      g: func"),
            "the wit signature declares no function 'f'", "add \"f: func(...) -> ...;\"", "or set method to one of: g, h");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:other");
    }

    [Fact]
    public void Borrowed_resource_handle_is_reported_at_the_handle()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: handles
                kind: function.wat
                source: |
                  (module)
                wit: |
                  resource blob;
                  f: func(b: borrow<blob>) -> s32;
                method: f
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0209"), ErrorScenario.Path, TextPosition.Of(yaml, "borrow<blob>"),
            "entry 'app:handles'", "resource handles (own/borrow) are not supported", "use records, variants, lists and the other value types instead");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:handles");
    }

    [Fact]
    public void Resource_passed_by_name_is_reported_at_the_resource()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: resources
                kind: function.wat
                source: |
                  (module)
                wit: |
                  resource blob;
                  f: func(b: blob) -> s32;
                method: f
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0209"), ErrorScenario.Path, TextPosition.Of(yaml, "resource blob"),
            "entry 'app:resources'", "resources are not supported", "use records, variants, lists and the other value types instead");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:resources");
    }

    [Fact]
    public void Undefined_type_is_reported_at_its_use()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: undefined
                kind: function.wat
                source: |
                  (module)
                wit: |
                  record point { x: s32, y: s32 }
                  f: func(p: pointt) -> s32;
                method: f
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0210"), ErrorScenario.Path, TextPosition.Of(yaml, "pointt"),
            "the WIT type 'pointt' is not defined", "define it beside the signature", "defined here: point");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:undefined");
    }
}
