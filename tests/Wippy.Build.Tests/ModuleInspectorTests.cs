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

    /// <summary>The resource names fs.embed files get (the part after '|' of each embed-list line).</summary>
    private static string[] EmbeddedNames(InspectionResult result) =>
        result.FilesToEmbed.Select(line => line.Split('|')[1]).ToArray();

    [Fact]
    public void Fs_embed_without_include_embeds_every_file_of_the_directory()
    {
        _registry.CopyFromRepo("samples/registry/wasm/compute.wasm", "wasm/compute.wasm");
        _registry.Write("wasm/compute.wat", "(module)");
        _registry.Write("wasm/docs/notes.txt", "notes");
        WriteIndex("""
              - name: assets
                kind: fs.embed
                directory: ./wasm
            """);
        var result = ModuleInspector.Inspect(_registry.Root);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["wippy.fs/myns:assets/compute.wasm", "wippy.fs/myns:assets/compute.wat", "wippy.fs/myns:assets/docs/notes.txt"], EmbeddedNames(result));
        Assert.Empty(result.FilesToCopy);
        Assert.Equal(Path.Combine(_registry.Root, "wasm", "compute.wasm"), result.FilesToEmbed[0].Split('|')[0]);
    }

    [Fact]
    public void Fs_embed_include_embeds_only_the_files_it_selects()
    {
        _registry.CopyFromRepo("samples/registry/wasm/compute.wasm", "wasm/compute.wasm");
        _registry.Write("wasm/compute.wat", "(module)");
        _registry.Write("wasm/build.sh", "#!/bin/sh");
        _registry.Write("wasm/docs/notes.txt", "notes");
        _registry.Write("wasm/sub/more.wasm", "\0asm");
        WriteIndex($"""
              - name: assets
                kind: fs.embed
                directory: ./wasm
                include: ['*.wasm', docs]
              - name: compute
                kind: function.wasm
                fs: assets
                path: /compute.wasm
                hash: {ComputeHash}
                method: compute
            """);
        var result = ModuleInspector.Inspect(_registry.Root);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(["wippy.fs/myns:assets/compute.wasm", "wippy.fs/myns:assets/docs/notes.txt"], EmbeddedNames(result));
    }

    [Fact]
    public void Fs_embed_include_pattern_that_matches_nothing_is_an_error_at_its_line()
    {
        _registry.CopyFromRepo("samples/registry/wasm/compute.wasm", "wasm/compute.wasm");
        var yaml = WriteIndex("""
              - name: assets
                kind: fs.embed
                directory: ./wasm
                include:
                  - '*.wasm'
                  - '*.wsm'
            """);
        var result = ModuleInspector.Inspect(_registry.Root);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.IncludeMatchesNothing, d.Id);
        Assert.Equal((yaml, 9), (d.Position.FilePath, d.Position.Line));
        Assert.Equal("entry 'myns:assets': the include pattern '*.wsm' matches no file in ./wasm (it has 'compute.wasm'); fix the pattern or remove it", d.Message);
        Assert.Equal(["wippy.fs/myns:assets/compute.wasm"], EmbeddedNames(result));
    }

    [Fact]
    public void A_module_that_include_leaves_out_is_an_error_at_its_path()
    {
        _registry.CopyFromRepo("samples/registry/wasm/compute.wasm", "wasm/compute.wasm");
        _registry.Write("wasm/readme.txt", "read me");
        var yaml = WriteIndex($"""
              - name: assets
                kind: fs.embed
                directory: ./wasm
                include: ['*.txt']
              - name: compute
                kind: function.wasm
                fs: assets
                path: /compute.wasm
                hash: {ComputeHash}
                method: compute
            """);
        var result = ModuleInspector.Inspect(_registry.Root);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.ModuleNotEmbedded, d.Id);
        Assert.Equal((yaml, 11), (d.Position.FilePath, d.Position.Line));
        Assert.Equal($"entry 'myns:compute': '/compute.wasm' would not be in the app: the fs.embed entry 'myns:assets' includes only '*.txt'; add \"'compute.wasm'\" to its 'include' (declared at {yaml}:7)", d.Message);
        Assert.Single(result.Modules); // still inspected: one mistake, one error
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
    public void A_binary_without_hash_still_gets_its_facts_with_the_files_sha_for_the_generator_to_offer()
    {
        _registry.CopyFromRepo("samples/registry/wasm/compute.wasm", "wasm/compute.wasm");
        WriteIndex("""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: compute
                kind: function.wasm
                fs: assets
                path: /compute.wasm
                method: compute
            """);
        var facts = Assert.Single(ModuleInspector.Inspect(_registry.Root).Modules);
        Assert.Equal(ComputeHash, "sha256:" + facts.Sha256);
    }

    [Fact]
    public void A_binary_is_compiled_once_per_content_for_every_entry_and_every_later_build()
    {
        // Two entries over one component (embedded, so it travels inside the app); the build step runs twice (a YAML
        // edit between), then precompiles.
        _registry.CopyFromRepo("tests/guests/components/calc/calc.wasm", "wasm/calc.wasm");
        WriteIndex("""
              - name: assets
                kind: fs.embed
                directory: ./wasm
              - name: f
                kind: function.wasm
                fs: assets
                path: /calc.wasm
                hash: sha256:fe717789e6de981afc68ab15bd409f264ad7332f724ca1a8bffd344a54340c3a
                method: math#sum-list
              - name: g
                kind: function.wasm
                fs: assets
                path: /calc.wasm
                hash: sha256:fe717789e6de981afc68ab15bd409f264ad7332f724ca1a8bffd344a54340c3a
                method: add
            """);
        var cache = Path.Combine(_registry.Root, "cache");
        var first = ModuleInspector.Inspect(_registry.Root, cacheDirectory: cache);
        Assert.Empty(first.Diagnostics);
        Assert.Equal(2, first.Modules.Count);
        // The component once, whatever the number of entries naming it, and the core module a direct call instantiates.
        Assert.Equal(2, first.Compiled);
        Assert.Single(Directory.GetFiles(cache, "*-component-*.cwasm"));
        Assert.Single(Directory.GetFiles(cache, "*-module-*.cwasm"));

        File.AppendAllText(Path.Combine(_registry.Root, "_index.yaml"), "\n# an edit\n");
        var second = ModuleInspector.Inspect(_registry.Root, cacheDirectory: cache);
        Assert.Empty(second.Diagnostics);
        Assert.Equal(0, second.Compiled); // the cache had both
        Assert.Equal(first.Modules.Select(m => (m.EntryId, m.Component!.Fingerprint)), second.Modules.Select(m => (m.EntryId, m.Component!.Fingerprint)));

        var precompiled = ModuleInspector.Inspect(_registry.Root, Path.Combine(_registry.Root, "precompiled"), cacheDirectory: cache);
        Assert.Equal(0, precompiled.Compiled);
        Assert.Contains(precompiled.FilesToEmbed, line => line.Contains("-component-", StringComparison.Ordinal) && line.Contains("|wippy.compiled/", StringComparison.Ordinal));
    }

    [Fact]
    public void A_component_importing_wasi_its_entry_does_not_grant_is_told_what_to_write()
    {
        // clocks.wasm imports wasi:clocks/monotonic-clock and wasi:io/poll (it sleeps).
        WriteComponentEntry("tests/guests/components/clocks/clocks.wasm", "clocks.wasm", "test-sleep#sleep-ms", "");
        var none = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics, d => d.Id.StartsWith("WIPPY022", StringComparison.Ordinal));
        Assert.Equal("WIPPY0220", none.Id);
        Assert.Equal(8, none.Position.Line); // the kind: line of entry f
        Assert.Equal("entry 'myns:f': its component imports wasi:clocks/monotonic-clock@0.2.0 (wasi:clocks); wasi:io/poll@0.2.0 (wasi:poll), and the entry grants none of it (it has no imports:), " +
            "so a call that reaches them fails with PermissionDenied; write \"imports: [wasi:clocks, wasi:poll]\" (or the part the guest uses), or \"imports: []\" to deny them on purpose", none.Message);

        // Granting part of it: a note at imports: for the rest (wasi:io brings wasi:poll).
        WriteComponentEntry("tests/guests/components/clocks/clocks.wasm", "clocks.wasm", "test-sleep#sleep-ms", "    imports: [wasi:io]");
        var some = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics, d => d.Id.StartsWith("WIPPY022", StringComparison.Ordinal));
        Assert.Equal("WIPPY0221", some.Id);
        Assert.Equal("entry 'myns:f': its component also imports wasi:clocks/monotonic-clock@0.2.0 (wasi:clocks), which imports: leaves out: a call that reaches them fails with PermissionDenied; if the guest uses them, add '- wasi:clocks'", some.Message);

        // Everything granted, or nothing on purpose: nothing to say.
        WriteComponentEntry("tests/guests/components/clocks/clocks.wasm", "clocks.wasm", "test-sleep#sleep-ms", "    imports: [wasi:clocks]");
        Assert.DoesNotContain(ModuleInspector.Inspect(_registry.Root).Diagnostics, d => d.Id.StartsWith("WIPPY022", StringComparison.Ordinal));
        WriteComponentEntry("tests/guests/components/clocks/clocks.wasm", "clocks.wasm", "test-sleep#sleep-ms", "    imports: []");
        Assert.DoesNotContain(ModuleInspector.Inspect(_registry.Root).Diagnostics, d => d.Id.StartsWith("WIPPY022", StringComparison.Ordinal));
    }

    private string WriteComponentEntry(string file, string name, string method, string extra)
    {
        _registry.CopyFromRepo(file, "wasm/" + name);
        var bytes = File.ReadAllBytes(Path.Combine(_registry.Root, "wasm", name));
        var hash = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return WriteIndex($"""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: f
                kind: function.wasm
                fs: assets
                path: /{name}
                hash: {hash}
                method: {method}
            {extra}
            """);
    }

    [Fact]
    public void A_component_importing_only_app_interfaces_is_planned_and_its_imports_are_facts()
    {
        WriteComponentEntry("tests/guests/components/imports/imports.wasm", "imports.wasm", "greet", "");
        var result = ModuleInspector.Inspect(_registry.Root);
        Assert.Empty(result.Diagnostics);
        var facts = Assert.Single(result.Modules);
        Assert.Equal("greet", facts.Component!.CoreExport); // called directly, its core modules wired by the host
        Assert.Null(facts.Component.DirectProblem);
        Assert.NotNull(facts.FindExport("greet")); // the exports are those of the core module lifting it
        Assert.Equal(["log", "lookup", "scale"], facts.Imports!.Select(i => i.Function).Order());
    }

    [Fact]
    public void Components_with_resources_stay_on_the_component_model_and_carry_the_resources_members()
    {
        // tally imports a resource the app implements: its imports are facts, resource members included, and it is not
        // planned; counter exports one of its own (resource.new): the same, the block carrying the resource's members.
        WriteComponentEntry("tests/guests/components/tally/tally.wasm", "tally.wasm", "run", "");
        var tally = Assert.Single(ModuleInspector.Inspect(_registry.Root).Modules);
        Assert.Null(tally.Component!.CoreExport);
        Assert.Contains("it imports 'wippy:tally/store#[constructor]tally': resources of the app's interfaces are served through the component model", tally.Component.DirectProblem);
        var open = tally.Imports!.Single(i => i.Function == "open");
        Assert.StartsWith("resource tally {\n    constructor(start: u32);\n    add: func(n: u32);\n    total: func() -> u32;\n}\n", open.SignatureWit);
        Assert.Contains(tally.Imports!, i => i.Function == "[method]tally.add");

        WriteComponentEntry("tests/guests/components/counter/counter.wasm", "counter.wasm", "counters#make", "");
        var counter = Assert.Single(ModuleInspector.Inspect(_registry.Root).Modules);
        Assert.Null(counter.Component!.CoreExport);
        Assert.Contains("    merge: static func(a: counter, b: counter) -> counter;\n", counter.Component.SignatureWit);
    }

    [Fact]
    public void Call_path_component_model_keeps_a_plannable_component_on_the_component_model()
    {
        WriteComponentEntry("tests/guests/components/imports/imports.wasm", "imports.wasm", "greet", "    call_path: component-model");
        var facts = Assert.Single(ModuleInspector.Inspect(_registry.Root).Modules);
        Assert.Null(facts.Component!.CoreExport);
        Assert.Equal("the entry says 'call_path: component-model'", facts.Component.DirectProblem);
        Assert.Equal(3, facts.Imports!.Count);
    }

    [Fact]
    public void Call_path_direct_on_a_component_that_cannot_be_planned_is_an_error_at_call_path_saying_why()
    {
        // The counter guest defines a resource of its own (resource.new, resource.rep): not planned yet.
        var yaml = WriteComponentEntry("tests/guests/components/counter/counter.wasm", "counter.wasm", "counters#live", "    call_path: direct");
        var d = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.DirectCallImpossible, d.Id);
        Assert.Equal((yaml, 13), (d.Position.FilePath, d.Position.Line));
        Assert.Contains("'call_path: direct', but the component cannot be called directly:", d.Message);
        Assert.Contains("its core plan is incomplete: core module 0 imports '[export]wippy:counter/counters#[resource-new]counter', the canonical built-in resource.new", d.Message);
        Assert.EndsWith("remove 'call_path' (the component model then serves it) or write \"call_path: component-model\"", d.Message);
    }

    [Fact]
    public void A_component_left_to_the_build_that_cannot_be_planned_gets_a_note_saying_why()
    {
        var yaml = WriteComponentEntry("tests/guests/components/counter/counter.wasm", "counter.wasm", "counters#live", "");
        var result = ModuleInspector.Inspect(_registry.Root);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.CalledThroughComponentModel, d.Id);
        Assert.Equal(Wippy.Diagnostics.WippySeverity.Info, Wippy.Diagnostics.DiagnosticCatalog.For(d.Id).Severity);
        Assert.Equal((yaml, 12), (d.Position.FilePath, d.Position.Line)); // at method
        Assert.StartsWith("entry 'myns:f' is called through Wasmtime's component model, not directly: ", d.Message);
        Assert.Contains("the canonical built-in resource.new", d.Message);
        Assert.EndsWith("write \"call_path: component-model\" to say so (this note then goes away)", d.Message);
        Assert.NotNull(Assert.Single(result.Modules).Component!.DirectProblem); // and it is served through the component model
    }

    [Fact]
    public void An_entry_that_chooses_the_component_model_gets_no_note()
    {
        WriteComponentEntry("tests/guests/components/clocks/clocks.wasm", "clocks.wasm", "wippy:clocks-test/test-sleep#sleep-ms", "    call_path: component-model\n    imports: [wasi:clocks]");
        Assert.Empty(ModuleInspector.Inspect(_registry.Root).Diagnostics);
    }

    [Fact]
    public void A_component_importing_wasi_and_an_app_interface_is_planned_with_every_core_module()
    {
        // The calculator: wasi-libc through the preview1 adapter (its WASI served at core level) and wippy:calculator/host.
        WriteComponentEntry("tests/guests/wasi/calculator/calculator.wasm", "calculator.wasm", "calculate", "    call_path: direct\n    imports: [wasi:cli]");
        var result = ModuleInspector.Inspect(_registry.Root);
        Assert.Empty(result.Diagnostics);
        var facts = Assert.Single(result.Modules);
        Assert.Null(facts.Component!.DirectProblem);
        Assert.Equal("calculate", facts.Component.CoreExport);
        Assert.Contains(facts.Imports!, i => i.Function == "factor");
    }

    [Theory]
    [InlineData("", 3)] // planned: the shim, the main module and the fixup, each instantiated by the host
    [InlineData("    call_path: component-model", 0)] // only Wasmtime's component model runs it
    public void A_planned_component_travels_with_every_core_module_it_instantiates_compiled(string callPath, int modules)
    {
        WriteComponentEntry("tests/guests/components/imports/imports.wasm", "imports.wasm", "greet", callPath);
        var yaml = File.ReadAllText(Path.Combine(_registry.Root, "_index.yaml"));
        _registry.Write("_index.yaml", yaml.Replace("kind: fs.directory", "kind: fs.embed"));
        var compiled = Path.Combine(_registry.Root, "compiled");
        var result = ModuleInspector.Inspect(_registry.Root, compiled);
        Assert.Empty(result.Diagnostics);
        var files = Directory.GetFiles(compiled).Select(Path.GetFileName).ToList();
        Assert.Single(files, f => f!.Contains("-component-", StringComparison.Ordinal));
        Assert.Equal(modules, files.Count(f => f!.Contains("-module-", StringComparison.Ordinal)));
    }

    private const string MapperHash = "sha256:d6816913d1493d98bcb12e7eef91ab79c8349b93ccbc066ec2571eb9fe9c524d";

    private string WriteMapperEntry(string method)
    {
        _registry.CopyFromRepo("samples/registry/wasm/mapper.wasm", "wasm/mapper.wasm");
        return WriteIndex($"""
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: mapper
                kind: function.wasm
                fs: assets
                path: /mapper.wasm
                hash: {MapperHash}
                method: {method}
            """);
    }

    [Fact]
    public void A_component_is_recognized_by_its_header_and_its_function_read()
    {
        WriteMapperEntry("filter-active");
        var result = ModuleInspector.Inspect(_registry.Root);
        Assert.Empty(result.Diagnostics);
        var facts = Assert.Single(result.Modules);
        Assert.Equal(ModuleBinaryKind.Component, facts.Binary);
        var component = facts.Component!;
        Assert.Equal("filter-active", component.Key);
        Assert.Equal("filter-active", component.CoreExport); // one core module without imports: called directly
        Assert.Null(component.DirectProblem);
        Assert.EndsWith("filter-active: func(users: list<user-record>) -> list<user-output>;\n", component.SignatureWit);
        Assert.StartsWith("func(list<record { id: u32, name: string", component.Fingerprint);
        // The exports are the component's core module's, with their core types.
        Assert.Equal(["i32", "i32"], facts.FindExport("filter-active")!.Params);
        Assert.NotNull(facts.FindExport("cabi_post_filter-active"));
        var (parsed, _) = ModuleFactsFile.Parse(ModuleFactsFile.Write(result.Modules, result.Diagnostics));
        Assert.Equal(component, Assert.Single(parsed).Component);
    }

    [Fact]
    public void A_method_the_component_does_not_export_is_reported_at_method_with_what_exists()
    {
        var yaml = WriteMapperEntry("transform");
        var d = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.ExportNotFound, d.Id);
        Assert.Equal(yaml, d.Position.FilePath);
        Assert.Equal(12, d.Position.Line);
        Assert.Equal("entry 'myns:mapper': the component exports no function 'transform'; write one of: transform-users, filter-active, aggregate-tags (an interface function may also be written as iface#func)", d.Message);
    }

    [Fact]
    public void A_component_written_as_wat_is_inspected_like_a_binary()
    {
        WriteIndex("""
              - name: double
                kind: function.wat
                method: double
                source: |
                  (component
                    (core module $m (func (export "twice") (param i32) (result i32) local.get 0 local.get 0 i32.add))
                    (core instance $i (instantiate $m))
                    (func (export "double") (param "x" u32) (result u32) (canon lift (core func $i "twice"))))
            """);
        var result = ModuleInspector.Inspect(_registry.Root);
        Assert.Empty(result.Diagnostics);
        var facts = Assert.Single(result.Modules);
        Assert.Equal(ModuleBinaryKind.Component, facts.Binary);
        Assert.Equal("twice", facts.Component!.CoreExport);
        Assert.Equal("double: func(x: u32) -> u32;\n", facts.Component.SignatureWit);
    }

    [Fact]
    public void An_invalid_component_is_reported_at_its_path()
    {
        byte[] component = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0x0b, 0x01]; // an export section cut short
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
        var d = Assert.Single(ModuleInspector.Inspect(_registry.Root).Diagnostics);
        Assert.Equal(ModuleDiagnosticIds.InvalidModule, d.Id);
        Assert.Contains("is not a valid WebAssembly component", d.Message);
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
