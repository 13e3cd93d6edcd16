using Wippy.Generators.Tests.Support;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>
/// Mistakes in the registry YAML become compiler errors at their YAML line and column (1-based), with a message
/// that says what to write instead; the other entries are still emitted.
/// </summary>
public sealed class RegistryDiagnosticsTests
{
    [Fact]
    public void Missing_method_is_reported_at_the_entry()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: nomethod
                kind: function.wat
                source: |
                  (module)
                wit: |
                  f: func() -> s32;
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0003"), ErrorScenario.Path, TextPosition.Of(yaml, "name: nomethod"),
            "entry 'app:nomethod'", "missing the required field 'method'", "add e.g. \"method: ");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:nomethod");
    }

    [Fact]
    public void A_registry_that_does_not_parse_still_gets_its_WippyRegistry_class()
    {
        // The app's code refers to WippyRegistry; without it a YAML mistake would also bring C# errors elsewhere.
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", "namespace: app\nentries:\n  - name: a\n    kind: fs.directory\n   directory: x\n");
        var result = registry.Run();

        Assert.Equal("WIPPY0001", Assert.Single(result.Diagnostics).Id);
        Assert.Equal(new[] { "Wippy.Registry.g.cs" }, result.HintNames());
        Assert.Contains("public static partial class WippyRegistry", result.Source("Wippy.Registry.g.cs"), StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Unknown_pool_type_is_reported_at_the_value()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: pooled
                kind: function.wat
                source: |
                  (module (func (export "f") (result i32) i32.const 0))
                wit: |
                  f: func() -> s32;
                method: f
                pool:
                  type: elastic
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0014"), ErrorScenario.Path, TextPosition.Of(yaml, "elastic"),
            "unknown pool type 'elastic'", "write one of inline, lazy, static, adaptive");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void Dangling_fs_reference_is_reported_at_the_reference()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: dangling
                kind: function.wasm
                fs: nowhere
                path: /x.wasm
                hash: sha256:c62dfd508eb753f7d8af19c28a31ed9e9ddcc396cd6f2c44aa61b53b18f4de9c
                method: f
                wit: |
                  f: func() -> s32;
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0031"), ErrorScenario.Path, TextPosition.Of(yaml, "nowhere"),
            "'fs' refers to 'app:nowhere', but no entry has that id", "add an fs.* entry (fs.directory or fs.embed) named 'nowhere'");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void Badly_formatted_hash_is_reported_at_the_value()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: files
                kind: fs.directory
                directory: ./wasm
              - name: hashed
                kind: function.wasm
                fs: files
                path: /x.wasm
                hash: sha256:abc
                method: f
                wit: |
                  f: func() -> s32;
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0010"), ErrorScenario.Path, TextPosition.Of(yaml, "sha256:abc"),
            "'hash' has an invalid format ('sha256:abc')", "write \"hash: sha256:<64 hex digits>\"");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:hashed");
    }

    [Fact]
    public void Duplicate_id_across_two_files_is_reported_at_the_second_name()
    {
        const string first = """
            namespace: app
            entries:
              - name: twice
                kind: function.wat
                source: |
                  (module (func (export "f") (result i32) i32.const 0))
                wit: |
                  f: func() -> s32;
                method: f
            """;
        const string second = """
            namespace: app
            entries:
              - name: files
                kind: fs.directory
                directory: ./wasm
              - name: twice
                kind: fs.directory
                directory: ./other
            """;

        var result = ErrorScenario.Run(first, ("zz/_index.yaml", second));

        Is(Single(result, "WIPPY0030"), TestRegistry.Root + "zz/_index.yaml", TextPosition.Of(second, "twice"),
            "duplicate entry id 'app:twice'", $"already defined in {ErrorScenario.Path} at line 3", "rename one of the entries");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void Duplicate_function_ids_leave_code_that_compiles()
    {
        const string function = """
            namespace: app
            entries:
              - name: twice
                kind: function.wat
                source: |
                  (module (func (export "f") (result i32) i32.const 0))
                wit: |
                  f: func() -> s32;
                method: f
            """;

        var result = ErrorScenario.Run(function, ("zz/_index.yaml", function));

        Is(Single(result, "WIPPY0030"), TestRegistry.Root + "zz/_index.yaml", TextPosition.Of(function, "twice"), "duplicate entry id 'app:twice'");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void A_malformed_outbound_host_is_reported_at_its_item_with_what_to_write()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: fetcher
                kind: function.wat
                source: |
                  (module (func (export "f") (result i32) i32.const 0))
                wit: |
                  f: func() -> s32;
                method: f
                imports: [wasi:http]
                wasi:
                  allowed_outbound_hosts:
                    - https://api.example.com
                    - https://api.example.com/v1
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0028"), ErrorScenario.Path, TextPosition.Of(yaml, "https://api.example.com/v1"),
            "entry 'app:fetcher' (function.wat): 'wasi.allowed_outbound_hosts[1]' (\"https://api.example.com/v1\"): a host pattern has no path; write \"https://api.example.com\"");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void Outbound_hosts_without_the_wasi_http_grant_are_a_warning_at_the_field()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: fetcher
                kind: function.wat
                source: |
                  (module (func (export "f") (result i32) i32.const 0))
                wit: |
                  f: func() -> s32;
                method: f
                imports: [wasi:io]
                wasi:
                  allowed_outbound_hosts: ["https://api.example.com"]
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0029"), Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, ErrorScenario.Path, TextPosition.Of(yaml, "allowed_outbound_hosts"),
            "entry 'app:fetcher' (function.wat): 'wasi.allowed_outbound_hosts' has no effect without 'imports: [wasi:http]'", "add \"- wasi:http\" to its imports");
        ErrorScenario.AssertValidEntryStillEmitted(result);
        // A warning leaves the entry in, its list with it (the host ignores it: without the grant nothing is sent).
        Assert.Contains("AllowedOutboundHosts = new string[] { \"https://api.example.com\" },", result.NamespaceSource("app"), StringComparison.Ordinal);
    }
}
