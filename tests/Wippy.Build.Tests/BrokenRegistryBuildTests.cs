using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Wippy.Build.Tests;

/// <summary>
/// The whole build integration, as a user meets it: an app whose registry has mistakes fails `dotnet build`
/// with one error per mistake, each at its YAML line and column, with its stable id.
/// </summary>
public sealed partial class BrokenRegistryBuildTests : IDisposable
{
    private readonly TempRegistry _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public void Each_mistake_is_a_build_error_at_its_yaml_line()
    {
        _app.WriteInRepoApp("BrokenApp");
        _app.Write("Program.cs", "return 0;\n");
        _app.CopyFromRepo("samples/registry/wasm/compute.wasm", "wasm/compute.wasm");
        var yaml = _app.Write("_index.yaml", """
            version: "1.0"
            namespace: broken
            entries:
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: no_method
                kind: function.wat
                source: "(module)"
              - name: bad_pool
                kind: function.wat
                source: "(module (func (export \"f\")))"
                method: f
                pool:
                  type: turbo
              - name: dangling
                kind: function.wasm
                fs: nowhere
                path: /compute.wasm
                hash: sha256:c62dfd508eb753f7d8af19c28a31ed9e9ddcc396cd6f2c44aa61b53b18f4de9c
                method: compute
              - name: wrong_hash
                kind: function.wasm
                fs: assets
                path: /compute.wasm
                hash: sha256:0000000000000000000000000000000000000000000000000000000000000000
                method: compute
              - name: bad_wat
                kind: function.wat
                method: f
                source: |
                  (module
                    (func (export "f") (result i32)
                      i32.const))
            """);

        var (exit, output) = DotnetBuild.Run(_app.Root);
        Assert.NotEqual(0, exit);
        var errors = ErrorLine().Matches(output)
            .Select(m => (File: m.Groups["file"].Value, Line: int.Parse(m.Groups["line"].Value), Column: int.Parse(m.Groups["col"].Value), Id: m.Groups["id"].Value, Message: m.Groups["msg"].Value))
            .Distinct()
            .ToList();

        void Expect(string id, int line, int column, string text)
        {
            Assert.True(errors.Any(e => e.File == yaml && e.Id == id && e.Line == line && e.Column == column && e.Message.Contains(text, StringComparison.Ordinal)),
                $"expected {id} at {line},{column} containing '{text}'; got:\n{string.Join("\n", errors)}\n\nbuild output:\n{output}");
        }

        Expect("WIPPY0003", 7, 5, "missing the required field 'method'");
        Expect("WIPPY0014", 15, 13, "turbo");
        Expect("WIPPY0031", 18, 9, "nowhere");
        Expect("WIPPY0201", 26, 11, "got sha256:c62dfd508eb753f7d8af19c28a31ed9e9ddcc396cd6f2c44aa61b53b18f4de9c");
        Expect("WIPPY0202", 34, 6 + 14, "the WAT does not compile"); // WAT line 3, column 14, in a block indented by 6
    }

    [GeneratedRegex(@"^[ \t]*(?<file>[^\s(][^(\n]*)\((?<line>\d+),(?<col>\d+)(?:,\d+,\d+)?\): error (?<id>WIPPY\d{4}): (?<msg>.*?)(?: \[[^\]]*\])?$", RegexOptions.Multiline)]
    private static partial Regex ErrorLine();
}
