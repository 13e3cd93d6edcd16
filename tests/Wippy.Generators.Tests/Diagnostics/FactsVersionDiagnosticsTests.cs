using Wippy.Generators.Tests.Support;
using Wippy.Modules;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>
/// The module facts file starts with the format version the build step wrote; the generator reads only its own
/// version. A file of another version, or without one (a build step of another package version, a stale file), is one
/// clear error at the file naming both versions and what to do, and none of its records is read.
/// </summary>
public sealed class FactsVersionDiagnosticsTests
{
    private const string FactsPath = TestRegistry.Root + Facts.RelativePath;

    /// <summary>A core module whose facts give <c>app:compute</c> its signature: without them it has none.</summary>
    private const string BinaryEntry = SmallRegistries.BinaryCompute;

    /// <summary>The records of a facts file: the module of <c>app:compute</c>, and a build-step diagnostic.</summary>
    private const string Records =
        "module\tapp:compute\tcore\taaaa\n" +
        "export\tcompute\tfunc\ti32,i64\tf64\n" +
        "diagnostic\tWIPPY0201\tError\t/app/app/_index.yaml\t10\t11\t10\t20\thash mismatch\n";

    [Fact]
    public void Facts_of_the_version_the_generator_reads_are_used()
    {
        var text = ModuleFactsFile.VersionLine + "\n" + Records;

        var result = ErrorScenario.Run(BinaryEntry, (Facts.RelativePath, text));

        Assert.Equal(ModuleFactsFile.FormatVersion, ModuleFactsFile.ReadVersion(text));
        Single(result, "WIPPY0201");
        Assert.Contains("public double Compute(int p0, long p1)", result.NamespaceSource("app"), StringComparison.Ordinal);
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Facts_of_another_version_are_one_error_naming_both_versions_and_are_not_read(int version)
    {
        Assert.NotEqual(ModuleFactsFile.FormatVersion, version);
        var text = $"# wippy module facts v{version}\n" + Records;

        var result = ErrorScenario.Run(BinaryEntry, (Facts.RelativePath, text));

        // One error: not the build step's diagnostic of the file (it is not read), not "no signature" for the entry the facts would have typed.
        Is(Single(result, "WIPPY0217"), FactsPath, (1, 1),
            $"{ModuleFactsFile.FileName} has the format version {version}, but this Wippy.Generators reads version {ModuleFactsFile.FormatVersion}",
            "written by a Wippy.Build of another version", "Rebuild the app", "delete the project's obj/ folder (dotnet clean)");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    [Theory]
    [InlineData("")]
    [InlineData("module\tapp:compute\tcore\taaaa\nexport\tcompute\tfunc\ti32,i64\tf64\n")]
    [InlineData("# wippy module facts\nmodule\tapp:compute\tcore\taaaa\n")]
    [InlineData("# wippy module facts vX\nmodule\tapp:compute\tcore\taaaa\n")]
    public void Facts_without_a_version_line_are_one_error_and_are_not_read(string text)
    {
        var result = ErrorScenario.Run(BinaryEntry, (Facts.RelativePath, text));

        Assert.Null(ModuleFactsFile.ReadVersion(text));
        Is(Single(result, "WIPPY0217"), FactsPath, (1, 1),
            $"{ModuleFactsFile.FileName} does not start with a format version line",
            $"this Wippy.Generators reads version {ModuleFactsFile.FormatVersion}: '{ModuleFactsFile.VersionLine}'",
            "Rebuild the app", "dotnet clean");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    [Fact]
    public void Without_a_facts_file_an_entry_without_wit_still_has_no_signature()
    {
        // The refusal above silences "no signature" only because the file was there and reported.
        var result = ErrorScenario.Run(BinaryEntry);

        Single(result, "WIPPY0212");
    }
}
