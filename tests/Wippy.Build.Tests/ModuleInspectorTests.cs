using Wippy.Modules;

namespace Wippy.Build.Tests;

/// <summary>The build step opens each module with Wasmtime: facts for the generator, mistakes at their line.</summary>
public sealed class ModuleInspectorTests : IDisposable
{
    private const string ComputeHash = "sha256:c62dfd508eb753f7d8af19c28a31ed9e9ddcc396cd6f2c44aa61b53b18f4de9c";
    private readonly TempRegistry _registry = new();

    public void Dispose() => _registry.Dispose();

    private string WriteIndex(string entries) =>
        _registry.Write("_index.yaml", "version: \"1.0\"\nnamespace: myns\nentries:\n" + entries);

    [Fact]
    public void Records_the_core_type_of_each_export()
    {
        _registry.CopyFromRepo("samples/registry/wasm/compute.wasm", "wasm/compute.wasm");
        WriteIndex($"""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: compute
                kind: function.wasm
                fs: assets
                path: /compute.wasm
                hash: {ComputeHash}
                method: compute
            """);
        var result = ModuleInspector.Inspect(_registry.Root);
        Assert.Empty(result.Diagnostics);
        var facts = Assert.Single(result.Modules);
        Assert.Equal("myns:compute", facts.EntryId);
        Assert.Equal(ModuleBinaryKind.Core, facts.Binary);
        var export = facts.FindExport("compute");
        Assert.NotNull(export);
        Assert.Equal(["i32", "i32"], export.Params);
        Assert.Equal(["i32"], export.Results);
        Assert.Equal(["wasm/compute.wasm"], result.FilesToCopy);
    }

    [Fact]
    public void Hash_mismatch_is_reported_at_the_hash_value_with_both_hashes()
    {
        _registry.CopyFromRepo("samples/registry/wasm/compute.wasm", "wasm/compute.wasm");
        var wrong = "sha256:" + new string('0', 64);
        var yaml = WriteIndex($"""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: compute
                kind: function.wasm
                fs: assets
                path: /compute.wasm
                hash: {wrong}
                method: compute
            """);
        var d = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.HashMismatch, d.Id);
        Assert.Equal(yaml, d.Position.FilePath);
        Assert.Equal((11, 11), (d.Position.Line, d.Position.Column)); // the value after "    hash: "
        Assert.Contains("expected " + wrong, d.Message);
        Assert.Contains("got " + ComputeHash, d.Message);
        Assert.Contains("write \"hash: " + ComputeHash + "\"", d.Message);
    }

    [Fact]
    public void Invalid_inline_wat_is_reported_inside_the_yaml_block()
    {
        var yaml = WriteIndex("""
              - name: answer
                kind: function.wat
                method: answer
                source: |
                  (module
                    (func (export "answer") (result i32)
                      i32.const 42 oops
                    )
                  )
            """);
        var d = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.InvalidWat, d.Id);
        Assert.Equal(yaml, d.Position.FilePath);
        // "oops" is on line 3 of the WAT, column 18; the block's content starts on line 8 with 6 spaces of indentation.
        Assert.Equal(10, d.Position.Line);
        Assert.Equal(6 + 18, d.Position.Column);
        Assert.StartsWith("entry 'myns:answer': the WAT does not compile", d.Message);
    }

    [Fact]
    public void Invalid_wat_file_is_reported_in_the_wat_file()
    {
        var wat = _registry.Write("answer.wat", "(module\n  (func (export \"answer\") (result i32)\n    i32.const\n  )\n)\n");
        WriteIndex("""
              - name: answer
                kind: function.wat
                method: answer
                source: file://answer.wat
            """);
        var d = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.InvalidWat, d.Id);
        Assert.Equal(wat, d.Position.FilePath);
        Assert.Equal(4, d.Position.Line);
    }

    [Fact]
    public void Missing_binary_is_reported_at_its_path()
    {
        Directory.CreateDirectory(Path.Combine(_registry.Root, "wasm"));
        WriteIndex($"""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: compute
                kind: function.wasm
                fs: assets
                path: /nope.wasm
                hash: {ComputeHash}
                method: compute
            """);
        var d = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.ModuleFileNotFound, d.Id);
        Assert.Equal((10, 11), (d.Position.Line, d.Position.Column));
        Assert.Contains("'/nope.wasm' does not exist in 'myns:assets'", d.Message);
    }

    [Fact]
    public void A_file_that_is_not_wasm_is_invalid()
    {
        var bytes = "not wasm at all"u8.ToArray();
        _registry.Write("wasm/junk.wasm", "not wasm at all");
        var hash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        WriteIndex($"""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: junk
                kind: function.wasm
                fs: assets
                path: /junk.wasm
                hash: {hash}
                method: run
            """);
        var d = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.InvalidModule, d.Id);
        Assert.Contains("is not a valid WebAssembly module", d.Message);
    }

    [Fact]
    public void A_component_is_recognized_by_its_header()
    {
        // The 8-byte header of a component: magic, version 0x0d, layer 1.
        byte[] component = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];
        Directory.CreateDirectory(Path.Combine(_registry.Root, "wasm"));
        File.WriteAllBytes(Path.Combine(_registry.Root, "wasm", "c.wasm"), component);
        var hash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(component));
        WriteIndex($"""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: comp
                kind: function.wasm
                fs: assets
                path: /c.wasm
                hash: {hash}
                method: run
            """);
        var result = ModuleInspector.Inspect(_registry.Root);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(ModuleBinaryKind.Component, Assert.Single(result.Modules).Binary);
    }

    [Fact]
    public void Facts_file_round_trips()
    {
        _registry.CopyFromRepo("samples/registry/wasm/greet.wasm", "wasm/greet.wasm");
        WriteIndex("""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: greet
                kind: function.wasm
                fs: assets
                path: /greet.wasm
                hash: sha256:0000000000000000000000000000000000000000000000000000000000000000
                method: greet
            """);
        var result = ModuleInspector.Inspect(_registry.Root);
        var (modules, diagnostics) = ModuleFactsFile.Parse(ModuleFactsFile.Write(result.Modules, result.Diagnostics));
        Assert.Equal(result.Diagnostics, diagnostics);
        var facts = Assert.Single(modules);
        Assert.Equal(result.Modules[0].Sha256, facts.Sha256);
        Assert.Equal(result.Modules[0].Exports.Select(e => (e.Name, e.Kind, string.Join(",", e.Params), string.Join(",", e.Results))),
                     facts.Exports.Select(e => (e.Name, e.Kind, string.Join(",", e.Params), string.Join(",", e.Results))));
        Assert.Contains(facts.Exports, e => e.Name == "cabi_realloc" && e.Params.Count == 4);
    }
}
