using Microsoft.CodeAnalysis;

namespace Wippy.Generators.Tests.Support;

/// <summary>Assertions on the compiler diagnostics the generator reports for registry, WIT and module mistakes.</summary>
internal static class DiagnosticAssert
{
    /// <summary>The run reported exactly the diagnostics <paramref name="ids"/> (in any order); returns them.</summary>
    public static IReadOnlyList<Diagnostic> Exactly(GeneratorRunResult result, params string[] ids)
    {
        Assert.True(
            result.Diagnostics.Select(d => d.Id).Order(StringComparer.Ordinal).SequenceEqual(ids.Order(StringComparer.Ordinal)),
            $"expected {string.Join(", ", ids)}; reported:\n{Describe(result.Diagnostics)}");
        return result.Diagnostics;
    }

    /// <summary>The run reported exactly one diagnostic, <paramref name="id"/>; returns it.</summary>
    public static Diagnostic Single(GeneratorRunResult result, string id) => Exactly(result, id)[0];

    /// <summary>
    /// <paramref name="d"/> is an error (or <paramref name="severity"/>) in <paramref name="path"/> starting at the
    /// 1-based <paramref name="at"/>, and its message contains each of <paramref name="messageParts"/>.
    /// </summary>
    public static void Is(Diagnostic d, string path, (int Line, int Column) at, params string[] messageParts) =>
        Is(d, DiagnosticSeverity.Error, path, at, messageParts);

    public static void Is(Diagnostic d, DiagnosticSeverity severity, string path, (int Line, int Column) at, params string[] messageParts)
    {
        Assert.Equal(severity, d.Severity);
        var span = d.Location.GetLineSpan();
        Assert.Equal(path, span.Path);
        Assert.True(
            (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1) == at,
            $"{d.Id} is at ({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}), expected ({at.Line},{at.Column}): {d.GetMessage()}");
        foreach (var part in messageParts) Assert.Contains(part, d.GetMessage(), StringComparison.Ordinal);
    }

    public static string Describe(IEnumerable<Diagnostic> diagnostics) => string.Join("\n", diagnostics.Select(d =>
    {
        var span = d.Location.GetLineSpan();
        return $"  {span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity} {d.Id}: {d.GetMessage()}";
    }));
}
