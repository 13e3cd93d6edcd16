using Wippy.Generators.Tests.Support;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>Two entries of one namespace that define a WIT type of the same name differently (WIPPY0211).</summary>
public sealed class TypeConflictDiagnosticsTests
{
    private const string Yaml = """
        namespace: app
        entries:
          - name: first
            kind: function.wat
            source: |
              (module)
            wit: |
              record point { x: s32, y: s32 }
              f: func(p: point) -> s32;
            method: f
          - name: second
            kind: function.wat
            source: |
              (module)
            wit: |
              record point { x: f64, y: f64, z: f64 }
              f: func(p: point) -> s32;
            method: f
        """;

    [Fact]
    public void Type_defined_differently_by_two_entries_is_reported_in_their_file()
    {
        var result = ErrorScenario.Run(Yaml);

        var d = Single(result, "WIPPY0211");
        Assert.Equal(ErrorScenario.Path, d.Location.GetLineSpan().Path);
        Assert.Contains("is defined differently by 'app:first' and 'app:second'", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("give one of them another name or make the definitions equal", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Type_defined_differently_is_reported_at_the_second_definition()
    {
        var result = ErrorScenario.Run(Yaml);

        var line = Single(result, "WIPPY0211").Location.GetLineSpan().StartLinePosition.Line + 1;
        Assert.InRange(line, TextPosition.Of(Yaml, "name: second").Line, TextPosition.Of(Yaml, "method: f", 2).Line);
    }
}
