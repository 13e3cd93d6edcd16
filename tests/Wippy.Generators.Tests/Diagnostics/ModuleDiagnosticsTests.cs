using Microsoft.CodeAnalysis;
using Wippy.Diagnostics;
using Wippy.Generators.Tests.Support;
using Wippy.Modules;
using static Wippy.Generators.Tests.Support.DiagnosticAssert;

namespace Wippy.Generators.Tests.Diagnostics;

/// <summary>
/// Signatures are checked against the module facts the build step wrote (<c>wippy.modules.txt</c>), and the build
/// step's own diagnostics surface as compiler diagnostics at their file, line and column.
/// </summary>
public sealed class ModuleDiagnosticsTests
{
    private const string BinaryEntry = SmallRegistries.BinaryCompute;

    [Fact]
    public void A_dangling_fs_or_a_method_the_module_lacks_is_the_only_error_of_its_entry()
    {
        // A typo in fs: the registry's error, and no "no signature is known" after it (the build step found no file).
        var fsTypo = ErrorScenario.Run(BinaryEntry.Replace("fs: files", "fs: filez"), Facts.File([]));
        Exactly(fsTypo, "WIPPY0031");

        // A method the module lacks: the build step's WIPPY0204, and nothing after it (it wrote no facts for the entry).
        var methodPosition = SourcePosition.At(ErrorScenario.Path, 11, 13);
        var wrongMethod = ErrorScenario.Run(BinaryEntry.Replace("method: compute", "method: compte"),
            Facts.File([], new WippyDiagnostic(ModuleDiagnosticIds.ExportNotFound, "entry 'app:compute': the module exports no function 'compte'; write one of: compute", methodPosition)));
        Exactly(wrongMethod, "WIPPY0204");

        // Without the build step at all, the signature is still asked for.
        Exactly(ErrorScenario.Run(BinaryEntry), "WIPPY0212");
    }

    [Fact]
    public void A_missing_hash_is_offered_with_the_sha_the_build_step_computed()
    {
        var yaml = BinaryEntry.Replace("    hash: sha256:c62dfd508eb753f7d8af19c28a31ed9e9ddcc396cd6f2c44aa61b53b18f4de9c\n", "");
        var result = ErrorScenario.Run(yaml, Facts.File([Facts.Core("app:compute", Facts.Func("compute", "i32,i32", "i32"))]));

        var d = Single(result, "WIPPY0003");
        Assert.EndsWith("is missing the required field 'hash'; the file '/compute.wasm' has the SHA-256 " + new string('a', 64) + ": add \"hash: sha256:" + new string('a', 64) + "\"", d.GetMessage());

        // Without the build step's facts (the file was not found): the generic hint.
        var bare = ErrorScenario.Run(yaml);
        Assert.Contains("add e.g. \"hash: sha256:<64 hex digits>\"", Single(bare, "WIPPY0003").GetMessage());
    }

    [Fact]
    public void Wit_that_lowers_to_another_core_type_than_the_export_is_reported_at_the_wit()
    {
        const string yaml = BinaryEntry + """

                wit: |
                  compute: func(a: s64, b: s32) -> s32;
            """;

        var result = ErrorScenario.Run(yaml, Facts.File([Facts.Core("app:compute", Facts.Func("compute", "i32,i32", "i32"))]));

        Is(Single(result, "WIPPY0206"), ErrorScenario.Path, TextPosition.Of(yaml, "|\n      compute: func"),
            "entry 'app:compute'", "lowers to the core type (i64, i32) -> (i32)", "but the export 'compute' has (i32, i32) -> (i32)",
            "fix the wit: signature to match the module");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    [Fact]
    public void Entry_without_wit_and_without_module_facts_is_reported_at_the_method()
    {
        var result = ErrorScenario.Run(BinaryEntry);

        Is(Single(result, "WIPPY0212"), ErrorScenario.Path, TextPosition.After(BinaryEntry, "method: "),
            "entry 'app:compute'", "no signature is known", "add e.g. \"wit: compute: func(a: s32) -> s32;\"");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    [Fact]
    public void Entry_without_wit_takes_its_signature_from_the_core_type()
    {
        var result = ErrorScenario.Run(BinaryEntry, Facts.File([Facts.Core("app:compute", Facts.Func("compute", "i32,i64", "f64"))]));

        Assert.Empty(result.Diagnostics);
        Assert.Contains("public double Compute(int p0, long p1)", result.NamespaceSource("app"), StringComparison.Ordinal);
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void Core_type_without_a_wit_equivalent_asks_for_a_wit_signature()
    {
        var result = ErrorScenario.Run(BinaryEntry, Facts.File([Facts.Core("app:compute", Facts.Func("compute", "i32", "i32,i32"))]));

        Is(Single(result, "WIPPY0205"), ErrorScenario.Path, TextPosition.After(BinaryEntry, "method: "),
            "the export 'compute' has the core type (i32) -> (i32, i32)", "add a wit: signature");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    [Fact]
    public void Method_the_module_does_not_export_is_reported_at_the_method_and_lists_the_exports()
    {
        var result = ErrorScenario.Run(BinaryEntry, Facts.File([Facts.Core("app:compute", Facts.Memory, Facts.Func("add", "i32,i32", "i32"), Facts.Func("mul", "i32,i32", "i32"))]));

        Is(Single(result, "WIPPY0204"), ErrorScenario.Path, TextPosition.After(BinaryEntry, "method: "),
            "the module exports no function 'compute'", "write one of: add, mul");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    [Fact]
    public void String_signature_without_memory_and_realloc_exports_is_reported_at_the_wit()
    {
        const string yaml = BinaryEntry + """

                wit: |
                  compute: func(s: string) -> s32;
            """;

        var result = ErrorScenario.Run(yaml, Facts.File([Facts.Core("app:compute", Facts.Func("compute", "i32,i32", "i32"))]));

        Is(Single(result, "WIPPY0213"), ErrorScenario.Path, TextPosition.Of(yaml, "|\n      compute: func"),
            "the module does not export memory or cabi_realloc", "export them (cabi_realloc(old_ptr, old_size, align, new_size) -> ptr)");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    /// <summary>Facts for a component whose function the build step found (called directly in its core module unless <paramref name="directProblem"/>).</summary>
    private static ModuleFacts Component(string signatureWit, string fingerprint, string? directProblem = null) =>
        new("app:compute", ModuleBinaryKind.Component, new string('b', 64),
            directProblem is null ? [Facts.Func("compute", "i32,i32", "i32")] : [],
            new ComponentFunctionFact("compute", signatureWit, fingerprint, directProblem is null ? "compute" : null, directProblem));

    [Fact]
    public void Component_without_wit_is_typed_from_the_signature_it_carries()
    {
        var result = ErrorScenario.Run(BinaryEntry, Facts.File([Component("compute: func(a: u32, b: u32) -> u32;\n", "func(u32, u32) -> u32")]));

        Exactly(result);
        var source = result.NamespaceSource("app");
        Assert.True(source.Contains("public uint Compute(uint a, uint b)", StringComparison.Ordinal), source);
        Assert.Contains("function <c>compute</c>", source, StringComparison.Ordinal);
        Assert.Contains("new global::Wippy.Host.Registry.ComponentCallInfo(\"compute\", \"func(u32, u32) -> u32\")", source, StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Wit_that_differs_from_the_components_own_type_is_reported_at_the_wit()
    {
        const string yaml = BinaryEntry + """

                wit: |
                  compute: func(a: s32, b: s32) -> s32;
            """;

        var result = ErrorScenario.Run(yaml, Facts.File([Component("compute: func(a: u32, b: u32) -> u32;\n", "func(u32, u32) -> u32")]));

        Is(Single(result, "WIPPY0206"), ErrorScenario.Path, TextPosition.Of(yaml, "|\n      compute: func"),
            "entry 'app:compute'", "the component's function 'compute' has the type func(u32, u32) -> u32",
            "but the wit: signature 'compute: func(a: s32, b: s32) -> s32' is func(s32, s32) -> s32",
            "it is: compute: func(a: u32, b: u32) -> u32;");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    [Fact]
    public void Resource_in_the_components_signature_is_reported_at_the_path()
    {
        var result = ErrorScenario.Run(BinaryEntry, Facts.File([Component("resource blob;\ncompute: func(b: blob) -> u32;\n", "func(handle) -> u32")]));

        Is(Single(result, "WIPPY0209"), ErrorScenario.Path, TextPosition.Of(BinaryEntry, "/compute.wasm"),
            "entry 'app:compute'", "resources are not supported in typed calls yet", "in the signature the component carries");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    [Fact]
    public void A_resource_the_component_exports_becomes_a_class_when_called_through_the_component_model()
    {
        var facts = Component(
            "resource blob {\n    constructor(n: u32);\n    size: func() -> u32;\n    split: static func(b: blob) -> blob;\n}\ncompute: func(b: borrow<blob>) -> u32;\n",
            "func(handle) -> u32", "it holds 3 core modules") with { Component = new ComponentFunctionFact("app:ns/blobs#compute", "resource blob {\n    constructor(n: u32);\n    size: func() -> u32;\n    split: static func(b: blob) -> blob;\n}\ncompute: func(b: borrow<blob>) -> u32;\n", "func(handle) -> u32", null, "it holds 3 core modules") };
        var result = ErrorScenario.Run(BinaryEntry, Facts.File([facts]));

        Exactly(result);
        var source = result.NamespaceSource("app");
        Assert.Contains("public sealed partial class Blob : global::System.IDisposable", source, StringComparison.Ordinal);
        Assert.Contains("public uint Size() => AppFunctions.InvokeBlob_Size(this);", source, StringComparison.Ordinal);
        Assert.Contains(".Blob NewBlob(uint n) => InvokeBlob_Constructor(_compute, n);", source, StringComparison.Ordinal);
        Assert.Contains(".Blob b) => InvokeBlob_Split(b);", source, StringComparison.Ordinal);
        Assert.Contains(".Resource.Begin(\"app:ns/blobs#compute\", \"app:compute\")", source, StringComparison.Ordinal);
        Assert.Contains("Resource.Begin(\"app:ns/blobs#[method]blob.size\")", source, StringComparison.Ordinal);
        Assert.Contains("the parameter 'b' is a blob, a resource the component defines, which cannot cross as JSON", source, StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void A_resource_inside_another_type_is_typed_and_the_call_runs_where_the_first_one_lives()
    {
        var result = ErrorScenario.Run(BinaryEntry, Facts.File([Component(
            "resource blob;\nrecord pair { name: string, b: blob }\ncompute: func(bs: list<borrow<blob>>, p: option<pair>) -> list<blob>;\n",
            "func(list<handle>, option<record { name: string, b: handle }>) -> list<handle>", "it holds 3 core modules")]));

        Exactly(result);
        var source = result.NamespaceSource("app");
        Assert.Contains("public sealed partial class Blob : global::System.IDisposable", source, StringComparison.Ordinal);
        Assert.Contains("public sealed partial record Pair(", source, StringComparison.Ordinal);
        Assert.Contains("global::TestApp.App.Blob B)", source, StringComparison.Ordinal);
        Assert.Contains("public global::TestApp.App.Blob[] Compute(global::System.Collections.Generic.IReadOnlyList<global::TestApp.App.Blob> bs, global::TestApp.App.Pair? p)", source, StringComparison.Ordinal);
        // No parameter is a blob itself: the call runs on the instance of the first blob found, else on a pooled one.
        Assert.Contains("(AppFunctionsComponents.ResourceIn_ListOfBorrowOfBlob(bs) ?? AppFunctionsComponents.ResourceIn_OptionOfPair(p)) is { } at_ ? at_.Begin(\"compute\", \"app:compute\") : function.BeginComponent()", source, StringComparison.Ordinal);
        Assert.Contains("ToVal_ListOfBorrowOfBlob(in call, bs, \"bs\")", source, StringComparison.Ordinal);
        Assert.Contains("return new global::TestApp.App.Blob(call.TakeResource(value, \"blob\"));", source, StringComparison.Ordinal);
        Assert.Contains("the parameter 'bs' holds a blob, a resource the component defines, which cannot cross as JSON", source, StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Component_that_cannot_be_called_directly_goes_through_the_component_model_with_its_imports_as_interfaces()
    {
        var facts = Component("compute: func(a: u32, b: u32) -> u32;\n", "func(u32, u32) -> u32", "it lowers imported functions into its core module") with
        {
            Imports =
            [
                new ComponentImportFact("wippy:app/host@1.0.0", "lookup", "record hit { key: string, score: u32 }\nlookup: func(key: string) -> option<hit>;\n", "func(string) -> option<record { key: string, score: u32 }>"),
                new ComponentImportFact("wasi:cli/environment@0.2.0", "get-arguments", "get-arguments: func() -> list<string>;\n", "func() -> list<string>"),
                new ComponentImportFact("wippy:app/files", "open", "resource file;\nopen: func(path: string) -> file;\n", "func(string) -> handle"),
                new ComponentImportFact("wippy:app/files", "open-all", "resource file;\nopen-all: func(paths: list<string>) -> list<file>;\n", "func(list<string>) -> list<handle>"),
                new ComponentImportFact("wippy:app/files", "size-all", "resource file;\nsize-all: func(fs: list<borrow<file>>) -> u64;\n", "func(list<handle>) -> u64"),
            ],
        };

        var result = ErrorScenario.Run(BinaryEntry, Facts.File([facts]));

        Exactly(result);
        var source = result.NamespaceSource("app");
        Assert.Contains("public uint Compute(uint a, uint b)", source, StringComparison.Ordinal);
        Assert.Contains("var call = function.BeginComponent();", source, StringComparison.Ordinal);
        Assert.Contains("RunCompute(ref call, a, b)", source, StringComparison.Ordinal);
        Assert.Contains("CallsComponentModel = true,", source, StringComparison.Ordinal);
        // One C# interface per imported WIT interface outside WASI whose types map to C#; its record becomes a C# type.
        Assert.Contains("public interface IHost", source, StringComparison.Ordinal);
        Assert.Contains("global::TestApp.App.Hit? Lookup(string key);", source, StringComparison.Ordinal);
        Assert.Contains("new(\"wippy:app/host@1.0.0\", \"lookup\", \"TestApp.App.IHost\"", source, StringComparison.Ordinal);
        Assert.DoesNotContain("GetArguments", source, StringComparison.Ordinal); // WASI: granted per entry, not implemented in C#
        // An imported resource: a C# interface for the app to implement (the guest's drop disposes it); its functions
        // are on the synchronous interface only.
        Assert.Contains("global::TestApp.App.IFile Open(string path);", source, StringComparison.Ordinal);
        Assert.Contains("public interface IFile : global::System.IDisposable", source, StringComparison.Ordinal);
        Assert.Contains("results[0] = ToVal_OwnOfIFile(implementation.Open(path), \"result\");", source, StringComparison.Ordinal);
        Assert.Contains("return global::Wippy.Host.GeneratedCode.ComponentValues.OwnImported(value, \"file\", what);", source, StringComparison.Ordinal);
        Assert.DoesNotContain("OpenAsync", source, StringComparison.Ordinal);
        // Resources inside other values too; a function that can be lent several says what Wasmtime's C API cannot do.
        Assert.Contains("global::TestApp.App.IFile[] OpenAll(string[] paths);", source, StringComparison.Ordinal);
        Assert.Contains("var fs = FromVal_ListOfBorrowOfIFile(args[0], \"fs\");", source, StringComparison.Ordinal);
        Assert.Contains("BorrowImported<global::TestApp.App.IFile>(value, \"file\", what)", source, StringComparison.Ordinal);
        Assert.Contains("Wasmtime 50.0.1's C API cannot pass more than one borrowed handle to a host function", source, StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Package_wit_without_the_method_lists_the_functions_it_has()
    {
        const string yaml = BinaryEntry + """

                wit: file://calc.wit
            """;
        const string wit = """
            package wippy:calc@1.0.0;
            interface math { div: func(a: s32, b: s32) -> s32; }
            world calc { export math; export add: func(a: s32, b: s32) -> s32; }
            """;

        var result = ErrorScenario.Run(yaml, ("app/calc.wit", wit), Facts.File([Component("compute: func(a: u32, b: u32) -> u32;\n", "func(u32, u32) -> u32")]));

        Is(Single(result, "WIPPY0208"), ErrorScenario.Path, TextPosition.After(yaml, "wit: "),
            "entry 'app:compute'", "the WIT package has no function 'compute'", "write one of: add, math#div");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:compute");
    }

    [Theory]
    [InlineData("math#div")]
    [InlineData("wippy:calc/math#div")]
    [InlineData("wippy:calc/math@1.0.0#div")]
    public void Package_wit_finds_interface_functions_by_every_name_form(string method)
    {
        var yaml = BinaryEntry.Replace("method: compute", $"method: \"{method}\"") + """

                wit: file://calc.wit
            """;
        const string wit = """
            package wippy:calc@1.0.0;
            interface math {
                record pair { a: s32, b: s32 }
                /// Divides.
                div: func(p: pair) -> s32;
            }
            world calc { export math; }
            """;
        var facts = new ModuleFacts("app:compute", ModuleBinaryKind.Component, new string('b', 64), [Facts.Func("wippy:calc/math@1.0.0#div", "i32,i32", "i32")],
            new ComponentFunctionFact("wippy:calc/math@1.0.0#div", "record pair { a: s32, b: s32 }\ndiv: func(p: pair) -> s32;\n", "func(record { a: s32, b: s32 }) -> s32", "wippy:calc/math@1.0.0#div", null));

        var result = ErrorScenario.Run(yaml, ("app/calc.wit", wit), Facts.File([facts]));

        Exactly(result);
        var source = result.NamespaceSource("app");
        Assert.True(source.Contains("public int Compute(global::TestApp.App.Pair p)", StringComparison.Ordinal), source);
        Assert.Contains("Divides.", result.NamespaceSource("app"), StringComparison.Ordinal);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Missing_wat_file_is_reported_at_the_source()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: from_file
                kind: function.wat
                source: file://missing.wat
                wit: |
                  f: func() -> s32;
                method: f
            """;

        var result = ErrorScenario.Run(yaml);

        Is(Single(result, "WIPPY0200"), ErrorScenario.Path, TextPosition.Of(yaml, "file://missing.wat"),
            "the WAT file 'missing.wat' was not found", "create it or fix the path");
        ErrorScenario.AssertValidEntryStillEmitted(result, leftOut: "app:from_file");
    }

    [Fact]
    public void Diagnostic_written_by_the_build_step_surfaces_at_its_file_line_and_column()
    {
        var hashAt = TextPosition.Of(BinaryEntry, "sha256:");
        var mismatch = new WippyDiagnostic(ModuleDiagnosticIds.HashMismatch,
            "entry 'app:compute': the SHA-256 of wasm/compute.wasm is 0123…; write \"hash: sha256:0123…\"",
            new SourcePosition(ErrorScenario.Path, hashAt.Line, hashAt.Column, hashAt.Line, hashAt.Column + 71));
        var watError = new WippyDiagnostic("WIPPY0202", "a WAT error; write it differently",
            SourcePosition.At(TestRegistry.Root + "app/module.wat", 3, 7));

        var result = ErrorScenario.Run(BinaryEntry,
            Facts.File([Facts.Core("app:compute", Facts.Func("compute", "i32,i32", "i32"))], mismatch, watError));

        var reported = Exactly(result, "WIPPY0201", "WIPPY0202");
        Is(reported.Single(d => d.Id == "WIPPY0201"), ErrorScenario.Path, hashAt, "the SHA-256 of wasm/compute.wasm", "write \"hash: sha256:");
        Assert.Equal(hashAt.Column + 71, reported.Single(d => d.Id == "WIPPY0201").Location.GetLineSpan().EndLinePosition.Character + 1);
        Is(reported.Single(d => d.Id == "WIPPY0202"), DiagnosticSeverity.Error, TestRegistry.Root + "app/module.wat", (3, 7), "a WAT error");
        ErrorScenario.AssertValidEntryStillEmitted(result);
    }

    [Fact]
    public void Diagnostic_line_of_the_facts_file_format_is_read_with_its_escapes()
    {
        // The diagnostic line, written by hand after the version line: id, severity, file, line, column, end line, end column, message.
        var facts = ModuleFactsFile.VersionLine + "\n" +
            "diagnostic\tWIPPY0203\tError\t/app/app/_index.yaml\t9\t11\t9\t30\tnot a module:\\tbad magic; write a \\\"real\\\" wasm\n";

        var result = ErrorScenario.Run(BinaryEntry, (Facts.RelativePath, facts), ("obj/other/unrelated.txt", "module\tapp:compute\tcore\tff\n"));

        var d = Exactly(result, "WIPPY0203", "WIPPY0212").Single(x => x.Id == "WIPPY0203");
        Is(d, ErrorScenario.Path, (9, 11), "not a module:\tbad magic; write a \"real\" wasm");
    }
}
