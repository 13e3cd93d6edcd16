using Wippy.Diagnostics;
using Wippy.Wit;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>Helpers shared by the WIT tests.</summary>
internal static class WitTestKit
{
    /// <summary>Parses a whole file and asserts it has no diagnostics.</summary>
    public static WitDocument ParseOk(string text, string path = "test.wit")
    {
        var result = WitParser.Parse(text, path);
        Assert.True(result.Diagnostics.Count == 0, Describe(result.Diagnostics));
        Assert.NotNull(result.Document);
        return result.Document!;
    }

    /// <summary>Parses a bare signature block and asserts it has no diagnostics; returns its anonymous interface.</summary>
    public static WitInterface ParseSignaturesOk(string text)
    {
        var result = WitParser.ParseSignatures(text, "entry.yaml");
        Assert.True(result.Diagnostics.Count == 0, Describe(result.Diagnostics));
        return Assert.Single(result.Document!.Interfaces);
    }

    /// <summary>Parses and asserts that the first diagnostic has <paramref name="id"/> at the given line and column.</summary>
    public static WippyDiagnostic ParseFails(string text, string id, int line, int column)
    {
        var result = WitParser.Parse(text, "bad.wit");
        Assert.True(result.Diagnostics.Count > 0, "expected a diagnostic");
        var first = result.Diagnostics[0];
        Assert.True(first.Id == id && first.Position.Line == line && first.Position.Column == column,
            "expected " + id + " at (" + line + "," + column + "), got: " + Describe(result.Diagnostics));
        Assert.Equal(WippySeverity.Error, first.Severity);
        return first;
    }

    /// <summary>Resolves the documents and asserts there are no diagnostics.</summary>
    public static WitResolution ResolveOk(params WitDocument[] documents)
    {
        var resolution = WitResolver.Resolve(documents);
        Assert.True(resolution.Diagnostics.Count == 0, Describe(resolution.Diagnostics));
        return resolution;
    }

    public static string Describe(IReadOnlyList<WippyDiagnostic> diagnostics) =>
        diagnostics.Count == 0 ? "no diagnostics" : string.Join("\n", diagnostics.Select(d => d.ToString()));

    public static WitInterface Interface(WitDocument document, string name) =>
        document.Interfaces.Single(i => i.Name == name);

    public static WitFunction Function(WitInterface @interface, string name) =>
        @interface.Functions.Single(f => f.Name == name);
}
