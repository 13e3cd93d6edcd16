using Wippy.Diagnostics;
using Wippy.Registry;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>Helpers shared by the registry tests.</summary>
internal static class RegistryTestKit
{
    public const string Hash = "sha256:292b796376f8b4cc360acf2ea6b82d1084871c3607a079f30b446da8e5c984a4";

    /// <summary>A rooted path for the YAML file under test (the folder does not need to exist).</summary>
    public static readonly string FilePath = Path.GetFullPath("/reg/app/_index.yaml");

    public static readonly string FileDirectory = Path.GetDirectoryName(FilePath)!;

    public static RegistryParseResult Parse(string yaml, string? path = null) => RegistryParser.Parse(path ?? FilePath, yaml);

    /// <summary>Parses and asserts that there is no diagnostic at all, also after cross-file validation.</summary>
    public static RegistryDocument ParseClean(string yaml)
    {
        var result = Parse(yaml);
        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Document);
        Assert.Empty(RegistryValidator.Validate(new[] { result.Document! }));
        return result.Document!;
    }

    /// <summary>Asserts exactly one diagnostic with the id, severity, line and column, and returns it.</summary>
    public static WippyDiagnostic Single(IReadOnlyList<WippyDiagnostic> diagnostics, string id, int line, int column, WippySeverity severity = WippySeverity.Error)
    {
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(severity, diagnostic.Severity);
        Assert.Equal(line, diagnostic.Position.Line);
        Assert.Equal(column, diagnostic.Position.Column);
        Assert.Equal(FilePath, diagnostic.Position.FilePath);
        return diagnostic;
    }

    /// <summary>Parses and asserts exactly one diagnostic.</summary>
    public static WippyDiagnostic SingleFor(string yaml, string id, int line, int column, WippySeverity severity = WippySeverity.Error) =>
        Single(Parse(yaml).Diagnostics, id, line, column, severity);

    public static T Entry<T>(RegistryDocument document, string name)
        where T : RegistryEntry =>
        Assert.IsType<T>(document.Entries.Single(e => e.Name == name));
}
