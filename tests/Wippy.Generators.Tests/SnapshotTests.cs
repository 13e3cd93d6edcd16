using Wippy.Generators.Tests.Support;

namespace Wippy.Generators.Tests;

/// <summary>
/// The emitted files of representative registries are compared with the checked-in snapshots, one set per behaviour,
/// so a change to one behaviour shows in one place (Snapshots/&lt;set&gt;/, from TestData/&lt;set&gt;/):
/// <list type="bullet">
/// <item><c>snapshot</c>: core modules (the sample app's namespace <c>myns</c>) and <c>app.types</c> with records,
/// variants, enums, flags, options, results, lists and tuples through the Canonical ABI;</item>
/// <item><c>snapshot-components</c>: a component called through Wasmtime's component model (<c>ComponentVal</c> code);</item>
/// <item><c>snapshot-imports</c>: components that import non-WASI interfaces: the C# interfaces and their adapters;</item>
/// <item><c>snapshot-lua</c>: typed Lua proxies (<c>function.lua</c> with <c>wit:</c>);</item>
/// <item><c>snapshot-http</c>: <c>http.service</c>, <c>http.router</c> and <c>http.endpoint</c> descriptors beside wasi-http functions.</item>
/// </list>
/// To accept an intended change, run the tests with the environment variable WIPPY_UPDATE_SNAPSHOTS=1: the snapshots
/// are rewritten from the current output (see Snapshots/README.md).
/// </summary>
public sealed class SnapshotTests
{
    public static TheoryData<string, string[]> Sets { get; } = new()
    {
        {
            "snapshot",
            [
                "Wippy.Registry.g.cs",
                "Wippy.app.types.Abi.g.cs", "Wippy.app.types.Json.g.cs", "Wippy.app.types.Lua.g.cs", "Wippy.app.types.Proxy.g.cs",
                "Wippy.app.types.Registration.g.cs", "Wippy.app.types.Types.g.cs",
                "Wippy.myns.Abi.g.cs", "Wippy.myns.Json.g.cs", "Wippy.myns.Lua.g.cs", "Wippy.myns.Proxy.g.cs", "Wippy.myns.Registration.g.cs",
            ]
        },
        {
            // echo-import.wasm also imports wippy:test/unused (never called): its interface comes with the component.
            "snapshot-components",
            [
                "Wippy.Registry.g.cs",
                "Wippy.cm.Abi.g.cs", "Wippy.cm.Imports.g.cs", "Wippy.cm.Json.g.cs", "Wippy.cm.Lua.g.cs", "Wippy.cm.Proxy.g.cs",
                "Wippy.cm.Registration.g.cs", "Wippy.cm.Types.g.cs",
            ]
        },
        {
            "snapshot-imports",
            [
                "Wippy.Registry.g.cs",
                "Wippy.imports.Abi.g.cs", "Wippy.imports.Imports.g.cs", "Wippy.imports.Json.g.cs", "Wippy.imports.Lua.g.cs",
                "Wippy.imports.Proxy.g.cs", "Wippy.imports.Registration.g.cs", "Wippy.imports.Types.g.cs",
            ]
        },
        {
            // Only Lua functions: no ABI code and no JSON binders.
            "snapshot-lua",
            [
                "Wippy.Registry.g.cs",
                "Wippy.lua.Lua.g.cs", "Wippy.lua.Proxy.g.cs", "Wippy.lua.Registration.g.cs", "Wippy.lua.Types.g.cs",
            ]
        },
        {
            // admin has only HTTP entries: its proxy (empty) and its registration.
            "snapshot-http",
            [
                "Wippy.Registry.g.cs",
                "Wippy.admin.Proxy.g.cs", "Wippy.admin.Registration.g.cs",
                "Wippy.web.Abi.g.cs", "Wippy.web.Json.g.cs", "Wippy.web.Lua.g.cs", "Wippy.web.Proxy.g.cs", "Wippy.web.Registration.g.cs",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public void Snapshot_registry_generates_its_files_without_diagnostics(string set, string[] hintNames)
    {
        var result = TestRegistry.FromTestData(set).Run();

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Exception);
        Assert.Equal(hintNames, result.HintNames());
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Emitted_files_match_their_snapshots(string set, string[] hintNames)
    {
        var result = TestRegistry.FromTestData(set).Run();

        Assert.Equal(hintNames.Length, result.GeneratedSources.Length);
        Snapshots.Verify(set, result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void Snapshot_registry_compiles_without_errors_or_warnings(string set, string[] hintNames)
    {
        var result = TestRegistry.FromTestData(set).Run();

        Assert.Empty(result.Diagnostics);
        Assert.Equal(hintNames.Length, result.GeneratedSources.Length);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
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
