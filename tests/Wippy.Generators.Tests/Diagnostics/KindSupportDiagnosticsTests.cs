using Microsoft.CodeAnalysis;
using Wippy.Generators.Tests.Support;
using Wippy.Registry;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>
/// Kinds and fields of the registry format that this runtime parses but does not run yet are never dropped silently:
/// the generator warns at the entry's <c>kind</c> (WIPPY0040); a wasi-http function that no endpoint calls is warned at
/// its <c>transport</c> (WIPPY0041). The build goes on.
/// </summary>
public sealed class KindSupportDiagnosticsTests
{
    /// <summary>A function.wat <c>app:hello</c> with transport wasi-http.</summary>
    private const string Hello = """
        namespace: app
        entries:
          - name: hello
            kind: function.wat
            source: |
              (module (func (export "hello") (result i32) i32.const 7))
            wit: |
              hello: func() -> s32;
            method: hello
            transport: wasi-http
        """;

    [Fact]
    public void A_process_wasm_entry_gets_a_typed_spawn_method_and_no_call_methods()
    {
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", SmallRegistries.ComponentRun("app").Replace("kind: function.wasm", "kind: process.wasm", StringComparison.Ordinal));
        registry.Add("wippy.modules.txt", SmallRegistries.RunFacts("app:run"));

        var result = registry.Run();

        Assert.Empty(result.Diagnostics);
        var registration = result.Source("Wippy.app.Registration.g.cs");
        Assert.DoesNotContain("Command =", registration, StringComparison.Ordinal);
        Assert.Contains("PoolType.Inline", registration, StringComparison.Ordinal); // each process its own instance
        var proxy = result.Source("Wippy.app.Proxy.g.cs");
        Assert.Contains(
            "public global::Wippy.Host.Processes.ProcessHandle<int> SpawnRun(int x, global::Wippy.Host.Processes.SpawnOptions? spawnOptions = null) =>",
            proxy, StringComparison.Ordinal);
        Assert.Contains("_processes.Spawn<int>(_run, (function_, stop_) => InvokeRunAsync(function_, x, stop_), spawnOptions);", proxy, StringComparison.Ordinal);
        Assert.Contains("_processes = runtime.Processes;", proxy, StringComparison.Ordinal);
        Assert.DoesNotContain("public int Run(", proxy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("process.wasm", "", "which 'imports' does not grant", "add '- wippy:actor' to its imports")]
    [InlineData("function.wasm", "", "but a function has none", "make it \"kind: process.wasm\"")]
    [InlineData("process.wasm", "    imports: [wasi:io]\n", "which 'imports' does not grant", "add '- wippy:actor' to its imports")]
    public void A_mailbox_import_that_cannot_be_used_is_warned(string kind, string imports, string what, string fix)
    {
        var yaml = SmallRegistries.ComponentRun("app", imports).Replace("kind: function.wasm", "kind: " + kind, StringComparison.Ordinal);
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", yaml);
        registry.Add("wippy.modules.txt", SmallRegistries.RunFacts("app:run") + "import\twippy:actor/process@0.1.0\tself\tfunc() -> string\tself: func() -> string;\\n\n");

        var result = registry.Run();

        var d = Single(result, "WIPPY0045");
        Is(d, DiagnosticSeverity.Warning, ErrorScenario.Path, imports.Length > 0 ? TextPosition.After(yaml, "imports: ") : TextPosition.Of(yaml, kind),
            "imports wippy:actor/process@0.1.0", what, fix);
    }

    [Fact]
    public void A_granted_mailbox_import_of_a_process_is_not_warned()
    {
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", SmallRegistries.ComponentRun("app", "    imports: [wippy:actor]\n").Replace("kind: function.wasm", "kind: process.wasm", StringComparison.Ordinal));
        registry.Add("wippy.modules.txt", SmallRegistries.RunFacts("app:run") + "import\twippy:actor/process@0.1.0\tself\tfunc() -> string\tself: func() -> string;\\n\n");

        Assert.Empty(registry.Run().Diagnostics);
    }

    [Fact]
    public void A_command_is_a_descriptor_with_its_command_and_no_typed_method()
    {
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", SmallRegistries.ComponentRun("app", "    meta:\n      command: { name: run-it, short: Runs it }\n")
            .Replace("kind: function.wasm", "kind: process.wasm", StringComparison.Ordinal));
        registry.Add("wippy.modules.txt", SmallRegistries.RunFacts("app:run"));

        var result = registry.Run();

        Assert.Empty(result.Diagnostics);
        var registration = result.Source("Wippy.app.Registration.g.cs");
        Assert.Contains("Command = new global::Wippy.Host.Registry.ProcessCommandInfo(\"run-it\", \"Runs it\"),", registration, StringComparison.Ordinal);
        Assert.Contains("PoolType.Inline", registration, StringComparison.Ordinal); // each run its own instance
        var proxy = result.Source("Wippy.app.Proxy.g.cs");
        Assert.DoesNotContain("public int Run(", proxy, StringComparison.Ordinal);
        Assert.Contains("internal static int InvokeRun(", proxy, StringComparison.Ordinal); // what the command's JSON binder calls
        Assert.Contains("public global::Wippy.Host.Processes.ProcessHandle<int> SpawnRun(", proxy, StringComparison.Ordinal); // a command can be spawned too
    }

    [Theory]
    [InlineData("process.host", "hosts nothing")]
    [InlineData("terminal.host", "hosts nothing")]
    public void An_accepted_kind_that_does_not_run_is_warned_at_its_kind(string kind, string consequence)
    {
        var yaml = $"""
            namespace: app
            entries:
              - name: later
                kind: {kind}
                meta:
                  comment: served once the runtime can
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0040"), DiagnosticSeverity.Warning, ErrorScenario.Path, TextPosition.Of(yaml, kind),
            $"entry 'app:later' ({kind})", consequence);
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:later");
    }

    [Fact]
    public void An_unknown_kind_is_still_WIPPY0007_and_not_WIPPY0040()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: later
                kind: function.cobol
            """;

        var result = ErrorScenario.Run(yaml);

        Exactly(result, "WIPPY0007");
    }

    [Fact]
    public void A_misspelled_kind_is_an_error_at_kind_that_names_the_one_meant()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: typo
                kind: function.wasn
            """;

        var result = ErrorScenario.Run(yaml);

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(("WIPPY0056", Microsoft.CodeAnalysis.DiagnosticSeverity.Error, 4), (d.Id, d.Severity, d.Location.GetLineSpan().StartLinePosition.Line + 1));
        Assert.Contains("did you mean 'function.wasm'?", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_wasi_http_function_that_no_endpoint_calls_is_warned_at_its_transport_and_still_generated()
    {
        const string yaml = Hello;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0041"), DiagnosticSeverity.Warning, ErrorScenario.Path, TextPosition.Of(yaml, "wasi-http"),
            "entry 'app:hello' (function.wat): transport wasi-http, but no http.endpoint calls this function, so nothing calls it over HTTP",
            "a wasi-http function can only be called through an http.endpoint; add one with \"func: app:hello\"",
            "or remove 'transport' to call it with its parameters as a payload function");
        // Generated for its binders (an endpoint could be added), with no typed method: it could only fail.
        Assert.Contains("internal static int InvokeHello(", result.NamespaceSource("app"), StringComparison.Ordinal);
        Assert.DoesNotContain("public int Hello()", result.NamespaceSource("app"), StringComparison.Ordinal);
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void A_wasi_http_function_an_endpoint_calls_from_another_namespace_is_not_warned()
    {
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", Hello);
        registry.Add("web/_index.yaml", """
            namespace: web
            entries:
              - name: hello
                kind: http.endpoint
                method: GET
                path: /hello
                func: app:hello
            """);

        Exactly(registry.Run());
    }

    [Fact]
    public void The_payload_transport_and_running_kinds_get_no_such_warning()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: plain
                kind: function.wat
                source: |
                  (module (func (export "plain") (result i32) i32.const 7))
                wit: |
                  plain: func() -> s32;
                method: plain
                transport: payload
            """;

        var result = ErrorScenario.Run(yaml);

        Exactly(result);
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void Every_kind_is_declared_once_and_every_kind_that_does_not_run_says_why()
    {
        Assert.Equal(RegistryKinds.All.Count, RegistryKinds.All.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.All(RegistryKinds.All, k => Assert.Equal(k.Support == RegistryKindSupport.Runs, k.NotRunYet is null));
        Assert.Equal(RegistryKindSupport.Runs, RegistryKinds.Find(RegistryKinds.ProcessWasm)!.Support); // as commands (meta.command); without one, WIPPY0040
        Assert.Null(RegistryKinds.Find("function.wasn"));
    }
}
