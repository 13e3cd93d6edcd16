using Microsoft.CodeAnalysis;
using Wippy.Generators.Tests.Support;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>
/// Hostile registry input reaches the app as compiler errors at its YAML line, never as a generator crash (CS8785):
/// files outside the project, nesting past the limits, numbers out of range, router cycles. The valid entry is
/// still emitted in code that compiles.
/// </summary>
public sealed class SafetyDiagnosticsTests
{
    [Fact]
    public void Duplicate_ids_in_one_file_with_the_build_steps_facts_for_both_are_one_error_each_and_no_crash()
    {
        // A real build: the build step writes facts for both declarations of the id, then the generator runs.
        const string twice = """
              - name: twice
                kind: function.wasm
                fs: files
                path: /compute.wasm
                hash: sha256:c62dfd508eb753f7d8af19c28a31ed9e9ddcc396cd6f2c44aa61b53b18f4de9c
                method: compute

            """;
        var yaml = "namespace: app\nentries:\n  - name: files\n    kind: fs.directory\n    directory: ./wasm\n" + twice + twice + twice;
        var compute = Facts.Core("app:twice", Facts.Func("compute", "i32,i32", "i32"));
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", ErrorScenario.WithValidEntry(yaml));
        registry.Add("app/" + Facts.RelativePath, Facts.File([compute, compute, compute]).Text);

        var result = registry.Run();

        Assert.Null(result.Exception);
        var duplicates = Exactly(result, "WIPPY0030", "WIPPY0030");
        Is(duplicates[0], ErrorScenario.Path, (12, 11), "duplicate entry id 'app:twice': it is already defined in /app/app/_index.yaml at line 6", "rename one of the entries or remove this one");
        Is(duplicates[1], ErrorScenario.Path, (18, 11), "duplicate entry id 'app:twice': it is already defined in /app/app/_index.yaml at line 6");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void Files_outside_the_project_are_errors_and_their_entries_are_left_out()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: secrets
                kind: fs.embed
                directory: ../../etc
              - name: passwd
                kind: function.wat
                source: file:///etc/passwd
                wit: |
                  f: func() -> s32;
                method: f
            """;

        var result = ErrorScenario.Run(yaml);

        var errors = Exactly(result, "WIPPY0304", "WIPPY0304");
        Is(errors[0], ErrorScenario.Path, (5, 16), "entry 'app:secrets' (fs.embed): 'directory' is '../../etc', which is outside the project directory /app", "WippyAllowedPaths");
        Is(errors[1], ErrorScenario.Path, (8, 13), "entry 'app:passwd' (function.wat): 'source' is 'file:///etc/passwd'");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: ["app:secrets", "app:passwd"]);
    }

    [Fact]
    public void An_allowed_directory_lets_the_entry_through()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: common
                kind: fs.directory
                directory: ../../common-data
            """;
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", ErrorScenario.WithValidEntry(yaml));

        var result = GeneratorHarness.Run(registry.Files, TestRegistry.Root, allowedPaths: "/common-data");

        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Yaml_nested_50000_deep_is_one_error_and_no_crash()
    {
        var yaml = "namespace: app\nentries:\n  - name: deep\n    kind: fs.directory\n    directory: ./d\n    meta:\n      x: "
            + new string('[', 50_000) + new string(']', 50_000) + "\n";
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", yaml);

        var result = registry.Run();

        Assert.Null(result.Exception);
        Assert.Equal("WIPPY0300", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Wit_list_nested_50000_deep_is_one_error_and_no_crash()
    {
        var deep = string.Concat(Enumerable.Repeat("list<", 50_000)) + "u8" + new string('>', 50_000);
        var yaml = $$"""
            namespace: app
            entries:
              - name: deep
                kind: function.wat
                source: |
                  (module (func (export "f") (param i32 i32)))
                wit: "f: func(x: {{deep}});"
                method: f
            """;

        var result = ErrorScenario.Run(yaml);

        Assert.Null(result.Exception);
        // "    wit: " is 9 columns, the quote the 10th, "f: func(x: " 11 more: the first list< is at column 22.
        Is(Single(result, "WIPPY0301"), ErrorScenario.Path, (7, 22 + 32 * 5), "nested more than 32 levels deep");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:deep");
    }

    [Theory]
    [InlineData("type a{0} = a{1};", "type a{0} = u8;", "a0")]
    [InlineData("record r{0} {{ x: r{1} }}", "record r{0} {{ x: u8 }}", "r0")]
    public void A_chain_of_20000_named_types_is_one_error_and_no_stack_overflow(string link, string last, string first)
    {
        const int count = 20_000;
        var wit = string.Concat(Enumerable.Range(0, count).Select(i => "      " + string.Format(link, i, i + 1) + "\n"))
            + "      " + string.Format(last, count) + "\n      f: func(x: " + first + ") -> u8;\n";
        var yaml = "namespace: app\nentries:\n  - name: f\n    kind: function.lua\n    source: |\n      function f() return 0 end\n    method: f\n    wit: |\n" + wit;
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", yaml);

        // On a 1 MiB stack: mapping recursed per link of the chain before the limit, and overflowed at a few hundred.
        GeneratorRunResult result = default;
        var thread = new Thread(() => result = registry.Run(), 1024 * 1024);
        thread.Start();
        thread.Join();

        Assert.Null(result.Exception);
        Is(Single(result, "WIPPY0301"), TestRegistry.Root + "app/_index.yaml", (9 + 63, link.StartsWith("type", StringComparison.Ordinal) ? 18 : 23),
            "entry 'app:f': this type is more than 64 levels deep, counting the named types it goes through");
    }

    [Fact]
    public void Limits_out_of_range_and_a_router_cycle_are_errors_at_their_lines()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: slow
                kind: function.wat
                source: |
                  (module (func (export "f") (result i32) i32.const 0))
                wit: |
                  f: func() -> s32;
                method: f
                limits:
                  max_execution_ms: 9223372036854775807
                  max_memory_bytes: 1
                pool:
                  workers: 2147483647
              - name: loop
                kind: env.storage.router
                storages: [loop]
            """;

        var result = ErrorScenario.Run(yaml);

        var all = Exactly(result, "WIPPY0302", "WIPPY0302", "WIPPY0302", "WIPPY0303");
        var ranges = all.Where(d => d.Id == "WIPPY0302").ToList();
        Is(ranges[0], ErrorScenario.Path, (11, 25), "'limits.max_execution_ms' is 9223372036854775807", "write 1 to 2147483647");
        Is(ranges[1], ErrorScenario.Path, (12, 25), "'limits.max_memory_bytes' is 1", "write at least 65536");
        Is(ranges[2], ErrorScenario.Path, (14, 16), "'pool.workers' is 2147483647", "write 0 to 10000");
        Is(all.Single(d => d.Id == "WIPPY0303"), ErrorScenario.Path, (17, 16), "'storages[0]' makes a cycle: app:loop -> app:loop");
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }
}
