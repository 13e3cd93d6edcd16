using Wippy.Diagnostics;
using Wippy.Registry;

namespace Wippy.Abstractions.Tests.Safety;

/// <summary>
/// Files the registry names must lie in the project (the registry root) or in a directory the project allows:
/// anything else is an error at its YAML line and its entry is refused, so the build neither reads nor ships it.
/// </summary>
public sealed class RegistryPathTests
{
    private static readonly string Root = Path.GetFullPath("/work/app");
    private static readonly string YamlPath = Path.Combine(Root, "reg", "_index.yaml");

    private static RegistryPaths.Result Check(string entries, params string[] allowed)
    {
        var parsed = RegistryParser.Parse(YamlPath, "namespace: myns\nentries:\n" + entries);
        Assert.DoesNotContain(parsed.Diagnostics, d => d.Severity == WippySeverity.Error);
        return RegistryPaths.Check(new[] { parsed.Document! }, Root + "/", allowed.Select(Path.GetFullPath).ToList());
    }

    private static WippyDiagnostic SingleAt(RegistryPaths.Result result, int line, int column, string entryId)
    {
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(SafetyDiagnosticIds.PathOutsideRoot, d.Id);
        Assert.Equal(WippySeverity.Error, d.Severity);
        Assert.Equal((YamlPath, line, column), (d.Position.FilePath, d.Position.Line, d.Position.Column));
        Assert.Equal(new[] { entryId }, result.RefusedEntryIds);
        return d;
    }

    [Theory]
    [InlineData("fs.embed", "../../etc")]
    [InlineData("fs.embed", "/etc")]
    [InlineData("fs.directory", "../../../home")]
    public void An_fs_directory_outside_the_project_is_refused(string kind, string directory)
    {
        var d = SingleAt(Check($"  - name: assets\n    kind: {kind}\n    directory: {directory}\n"), 5, 16, "myns:assets");

        Assert.Contains($"entry 'myns:assets' ({kind}): 'directory' is '{directory}', which is outside the project directory {Root}", d.Message, StringComparison.Ordinal);
        Assert.Contains("e.g. \"directory: ./assets\"", d.Message, StringComparison.Ordinal);
        Assert.Contains("WippyAllowedPaths", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("source", "file:///etc/passwd")]
    [InlineData("source", "file://../../outside.wat")]
    [InlineData("wit", "file://../../../x/module.wit")]
    public void A_file_reference_outside_the_project_is_refused(string field, string reference)
    {
        var source = field == "source" ? reference : "file://ok.wat";
        var wit = field == "wit" ? $"    wit: {reference}\n" : "";
        var d = SingleAt(Check($"  - name: f\n    kind: function.wat\n    source: {source}\n    method: f\n{wit}"), field == "source" ? 5 : 7, 4 + field.Length + 3, "myns:f");

        Assert.Contains($"'{field}' is '{reference}', which is outside the project directory", d.Message, StringComparison.Ordinal);
        Assert.Contains($"e.g. \"{field}: file://module.w", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lua_source_outside_the_project_is_refused()
    {
        var d = SingleAt(Check("  - name: h\n    kind: function.lua\n    source: file://../../h.lua\n    method: h\n"), 5, 13, "myns:h");
        Assert.Contains("e.g. \"source: file://handler.lua\"", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_path_that_climbs_out_of_its_fs_directory_is_refused()
    {
        var d = SingleAt(Check("""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: compute
                kind: function.wasm
                fs: assets
                path: /../../../../etc/passwd
                hash: sha256:c62dfd508eb753f7d8af19c28a31ed9e9ddcc396cd6f2c44aa61b53b18f4de9c
                method: compute
            """), 9, 11, "myns:compute");

        Assert.Contains("'path' is '/../../../../etc/passwd', which leaves the directory of 'myns:assets' (./wasm)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Paths_inside_the_project_are_fine_even_through_dot_dot()
    {
        var result = Check("""
              - name: assets
                kind: fs.embed
                directory: ../common/../wasm
              - name: f
                kind: function.wat
                source: file://../wat/f.wat
                wit: file://./f.wit
                method: f
              - name: compute
                kind: function.wasm
                fs: assets
                path: /sub/../compute.wasm
                hash: sha256:c62dfd508eb753f7d8af19c28a31ed9e9ddcc396cd6f2c44aa61b53b18f4de9c
                method: compute
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.RefusedEntryIds);
    }

    [Fact]
    public void An_allowed_directory_opens_exactly_that_directory()
    {
        const string entries = "  - name: guests\n    kind: fs.directory\n    directory: ../../guests/abi\n  - name: other\n    kind: fs.directory\n    directory: ../../guests-other\n";

        var result = Check(entries, "/work/guests");

        var d = Assert.Single(result.Diagnostics);
        Assert.Contains("'directory' is '../../guests-other'", d.Message, StringComparison.Ordinal); // a sibling with the same prefix is not inside
        Assert.Equal(new[] { "myns:other" }, result.RefusedEntryIds);
    }

    [Fact]
    public void Allowed_paths_are_split_on_semicolons_and_taken_from_the_root()
    {
        var allowed = RegistryPaths.ParseAllowed(" ../guests ; /opt/data;;|/srv/x", Root); // '|': as the compiler gets them

        Assert.Equal(new[] { Path.GetFullPath("/work/guests"), Path.GetFullPath("/opt/data"), Path.GetFullPath("/srv/x") }, allowed);
        Assert.Empty(RegistryPaths.ParseAllowed(null, Root));
    }

    [Fact]
    public void Without_a_root_nothing_is_checked()
    {
        var parsed = RegistryParser.Parse(YamlPath, "namespace: myns\nentries:\n  - name: a\n    kind: fs.embed\n    directory: /etc\n");
        Assert.Empty(RegistryPaths.Check(new[] { parsed.Document! }, "", Array.Empty<string>()).Diagnostics);
    }
}
