using Wippy.Generators.Tests.Support;

namespace Wippy.Generators.Tests;

/// <summary>
/// The emitted files of a representative registry (TestData/snapshot: the sample app's namespace <c>myns</c>, and
/// <c>app.types</c> with records, variants, enums, flags, options, results, lists and tuples) are compared with
/// the checked-in snapshots in Snapshots/. To accept an intended change, run the tests with the environment
/// variable WIPPY_UPDATE_SNAPSHOTS=1: the snapshots are rewritten from the current output (see Snapshots/README.md).
/// </summary>
public sealed class SnapshotTests
{
    [Fact]
    public void Snapshot_registry_generates_without_diagnostics()
    {
        var result = TestRegistry.FromTestData("snapshot").Run();

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Exception);
        Assert.Equal(new[] { "Wippy.Registry.g.cs", "Wippy.app.types.g.cs", "Wippy.myns.g.cs" }, result.HintNames());
    }

    [Fact]
    public void Emitted_files_match_their_snapshots()
    {
        var result = TestRegistry.FromTestData("snapshot").Run();

        Snapshots.Verify(result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public void Snapshot_comparison_reports_the_first_differing_line()
    {
        var difference = Snapshots.FirstDifference("a\nb\nc\n", "a\nB\nc\n");

        Assert.NotNull(difference);
        Assert.Contains("line 2", difference);
        Assert.Contains("snapshot: b", difference);
        Assert.Contains("emitted:  B", difference);
        Assert.Null(Snapshots.FirstDifference(Snapshots.Normalize("a\r\nb\r\n"), "a\nb\n"));
    }
}
