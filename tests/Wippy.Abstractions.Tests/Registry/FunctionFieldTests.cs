using Wippy.Diagnostics;
using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>Per-field rules of the WASM function kinds.</summary>
public sealed class FunctionFieldTests
{
    [Fact]
    public void Well_formed_function_has_no_diagnostics() => Assert.Empty(Parse(RegistryYaml.Wasm()).Diagnostics);

    [Theory]
    [InlineData("sha256:1234")]
    [InlineData("sha256:zz2b796376f8b4cc360acf2ea6b82d1084871c3607a079f30b446da8e5c984a4")]
    [InlineData("292b796376f8b4cc360acf2ea6b82d1084871c3607a079f30b446da8e5c984a4")]
    public void Wrong_hash_format(string hash)
    {
        var d = SingleFor(RegistryYaml.Wasm(hash: hash), RegistryDiagnosticIds.InvalidHashFormat, 10, 11);
        Assert.Contains("sha256:<64 hex digits>", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsupported_hash_algorithm()
    {
        var d = SingleFor(RegistryYaml.Wasm(hash: "md5:d41d8cd98f00b204e9800998ecf8427e"), RegistryDiagnosticIds.UnsupportedHashAlgorithm, 10, 11);
        Assert.Contains("only sha256 is supported", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uppercase_hash_digits_are_accepted_and_lowercased()
    {
        var result = Parse(RegistryYaml.Wasm(hash: "SHA256:292B796376F8B4CC360ACF2EA6B82D1084871C3607A079F30B446DA8E5C984A4"));
        Assert.Empty(result.Diagnostics);
        var hash = result.Document!.Entries.OfType<FunctionEntry>().Single().Hash!;
        Assert.Equal("292b796376f8b4cc360acf2ea6b82d1084871c3607a079f30b446da8e5c984a4", hash.Hex);
    }

    [Fact]
    public void Missing_required_field_points_at_the_entry()
    {
        const string yaml = """
            namespace: myns
            entries:
              - name: compute
                kind: function.wasm
                fs: assets
                path: /compute.wasm
                method: compute
            """;

        var d = SingleFor(yaml, RegistryDiagnosticIds.MissingRequiredField, 3, 5);
        Assert.Equal(
            "entry 'myns:compute' (function.wasm) is missing the required field 'hash'; add e.g. \"hash: sha256:<64 hex digits>\" (the SHA-256 of the file)",
            d.Message);
    }

    [Fact]
    public void Function_wat_requires_source_and_method()
    {
        const string yaml = """
            namespace: myns
            entries:
              - name: answer
                kind: function.wat
            """;

        var diagnostics = Parse(yaml).Diagnostics;
        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal(RegistryDiagnosticIds.MissingRequiredField, d.Id));
        Assert.Contains("'source'", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.Contains("'method'", diagnostics[1].Message, StringComparison.Ordinal);
        Assert.All(diagnostics, d => Assert.Equal((3, 5), (d.Position.Line, d.Position.Column)));
    }

    [Fact]
    public void Empty_required_value_is_reported_at_the_value() =>
        SingleFor(RegistryYaml.Wat().Replace("method: answer", "method: \"\""), RegistryDiagnosticIds.MissingRequiredField, 6, 13);

    [Fact]
    public void Malformed_method() =>
        SingleFor(RegistryYaml.Wasm(method: "\"test-sleep#\""), RegistryDiagnosticIds.InvalidMethod, 11, 13);

    [Fact]
    public void Unknown_transport()
    {
        var d = SingleFor(RegistryYaml.Wasm("    transport: http\n"), RegistryDiagnosticIds.InvalidTransport, 12, 16);
        Assert.Contains("wasi-http", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_call_path()
    {
        var d = SingleFor(RegistryYaml.Wasm("    call_path: fast\n"), RegistryDiagnosticIds.InvalidCallPath, 12, 16);
        Assert.Contains("\"call_path: component-model\"", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_import_lists_the_valid_names()
    {
        var d = SingleFor(RegistryYaml.Wasm("    imports:\n      - wasi:io\n      - wasi:keyvalue\n"), RegistryDiagnosticIds.UnknownImport, 14, 9);
        Assert.Contains("wasi:clocks", d.Message, StringComparison.Ordinal);
        Assert.Contains("wasi_snapshot_preview1", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interface_import_suggests_its_group()
    {
        var d = SingleFor(RegistryYaml.Wasm("    imports: [wasi:cli/stdout]\n"), RegistryDiagnosticIds.UnknownImport, 12, 15);
        Assert.Contains("write 'wasi:cli'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Imports_are_case_insensitive_versionless_and_accept_preview1_aliases()
    {
        var result = Parse(RegistryYaml.Wasm("    imports: [WASI:IO@0.2.0, wasi:Clocks@0.2.3, wasi-preview1]\n"));
        Assert.Empty(result.Diagnostics);
        var imports = result.Document!.Entries.OfType<FunctionEntry>().Single().Imports;
        Assert.Equal(new[] { "wasi:io", "wasi:clocks", ImportNames.Preview1 }, imports.Select(i => i.Name));
        Assert.Equal("WASI:IO@0.2.0", imports[0].Raw);
        Assert.True(imports[2].IsPreview1);
    }

    [Fact]
    public void Duplicate_import_is_a_warning() =>
        SingleFor(RegistryYaml.Wasm("    imports: [wasi:io, wasi:io@0.2.0]\n"), RegistryDiagnosticIds.DuplicateImport, 12, 24, WippySeverity.Warning);

    [Fact]
    public void Imports_must_be_a_list() =>
        SingleFor(RegistryYaml.Wasm("    imports: wasi:io\n"), RegistryDiagnosticIds.WrongValueType, 12, 14);

    [Fact]
    public void Limits_must_be_positive()
    {
        var d = SingleFor(RegistryYaml.Wasm("    limits:\n      max_execution_ms: 0\n"), RegistryDiagnosticIds.InvalidLimit, 13, 25);
        Assert.Contains("greater than 0", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_are_read()
    {
        var result = Parse(RegistryYaml.Wasm("    limits:\n      max_execution_ms: 250\n      max_memory_bytes: 1048576\n      max_retained_memory_bytes: 2097152\n"));
        Assert.Empty(result.Diagnostics);
        var limits = result.Document!.Entries.OfType<FunctionEntry>().Single().Limits;
        Assert.Equal(new LimitsConfig(250, 1048576, 2097152, limits.Position), limits);
    }

    [Fact]
    public void A_number_written_as_text_is_a_type_error()
    {
        var d = SingleFor(RegistryYaml.Wasm("    limits:\n      max_execution_ms: \"5000\"\n"), RegistryDiagnosticIds.WrongValueType, 13, 25);
        Assert.Contains("without quotes", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_map_where_text_is_expected_is_a_type_error() =>
        SingleFor(RegistryYaml.Wasm("    transport: { type: payload }\n"), RegistryDiagnosticIds.WrongValueType, 12, 16);

    [Fact]
    public void A_bool_field_rejects_other_words() =>
        SingleFor(RegistryYaml.Wasm("    pool:\n      warm_start: yes\n"), RegistryDiagnosticIds.WrongValueType, 13, 19);

    [Fact]
    public void Unknown_field_is_a_warning_naming_the_known_fields()
    {
        var d = SingleFor(RegistryYaml.Wasm("    timeout: 5\n"), RegistryDiagnosticIds.UnknownField, 12, 5, WippySeverity.Warning);
        Assert.Contains("'timeout'", d.Message, StringComparison.Ordinal);
        Assert.Contains("fs, path, hash, method", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wat_fields_are_unknown_to_function_wasm() =>
        SingleFor(RegistryYaml.Wasm("    source: file://x.wat\n"), RegistryDiagnosticIds.UnknownField, 12, 5, WippySeverity.Warning);

    [Fact]
    public void Unknown_field_in_a_block_is_a_warning() =>
        SingleFor(RegistryYaml.Wasm("    limits:\n      max_ms: 5\n"), RegistryDiagnosticIds.UnknownField, 13, 7, WippySeverity.Warning);

    [Fact]
    public void Malformed_reference() =>
        SingleFor(RegistryYaml.Wasm().Replace("fs: assets", "fs: a:b:c"), RegistryDiagnosticIds.InvalidReference, 8, 9);

    [Fact]
    public void Process_wasm_is_parsed_like_function_wasm_with_its_command()
    {
        var yaml = RegistryYaml.Wasm("    meta:\n      comment: Runs the migrations\n      command:\n        name: migrate\n        short: Run the migrations\n")
            .Replace("kind: function.wasm", "kind: process.wasm");
        var result = Parse(yaml);
        Assert.Empty(result.Diagnostics);
        var process = result.Document!.Entries.OfType<FunctionEntry>().Single();
        Assert.True(process.IsProcess);
        Assert.Equal("process.wasm", process.Kind);
        Assert.Equal("migrate", process.Command!.Name);
        Assert.Equal("Run the migrations", process.Command.Short);
        Assert.Equal("Runs the migrations", process.Meta.Comment);
    }

    [Fact]
    public void Process_command_requires_a_name() =>
        SingleFor(
            RegistryYaml.Wasm("    meta:\n      command:\n        short: x\n").Replace("kind: function.wasm", "kind: process.wasm"),
            RegistryDiagnosticIds.MissingRequiredField,
            14,
            9);

    private static string ProcessWithMailbox(string mailbox) =>
        RegistryYaml.Wasm($"    meta:\n      options:\n        mailbox: {{ {mailbox} }}\n").Replace("kind: function.wasm", "kind: process.wasm");

    [Fact]
    public void A_process_mailbox_is_read_from_meta_options_with_defaults_for_what_is_left_out()
    {
        var result = Parse(ProcessWithMailbox("capacity: 64, message_bytes: 65536"));
        Assert.Empty(result.Diagnostics);
        var mailbox = result.Document!.Entries.OfType<FunctionEntry>().Single().Mailbox!;
        Assert.Equal((64, ProcessMailboxConfig.DefaultBytes, 65536L), (mailbox.Capacity, mailbox.Bytes, mailbox.MessageBytes));
        Assert.Null(Parse(RegistryYaml.Wasm("").Replace("kind: function.wasm", "kind: process.wasm")).Document!.Entries.OfType<FunctionEntry>().Single().Mailbox);
    }

    [Theory]
    [InlineData("capacity: 0", "capacity", "must be greater than 0")]
    [InlineData("bytes: 1000, message_bytes: 2000", "message_bytes", "is more than 'bytes' (1000)")]
    [InlineData("capacity: 100, bytes: 4096, message_bytes: 1024", "capacity", "make capacity at most 16 or bytes larger")]
    public void A_process_mailbox_that_cannot_work_is_an_error_at_its_field(string mailbox, string field, string message)
    {
        var yaml = ProcessWithMailbox(mailbox);
        var d = Assert.Single(Parse(yaml).Diagnostics);
        Assert.Equal(RegistryDiagnosticIds.InvalidLimit, d.Id);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
        var line = yaml.Split('\n').Select((text, i) => (text, i)).Single(l => l.text.Contains("mailbox:")).i + 1;
        Assert.Equal(line, d.Position.Line);
        Assert.Equal(yaml.Split('\n')[line - 1].IndexOf(field + ": ", StringComparison.Ordinal) + field.Length + 3, d.Position.Column); // at its value
    }

    [Fact]
    public void A_process_without_a_method_runs_main()
    {
        var yaml = RegistryYaml.Wasm("    meta:\n      command: { name: go }\n").Replace("kind: function.wasm", "kind: process.wasm");
        var lines = yaml.Split('\n').Where(l => !l.TrimStart().StartsWith("method:", StringComparison.Ordinal));
        var result = Parse(string.Join('\n', lines));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(ProcessDefaults.Method, result.Document!.Entries.OfType<FunctionEntry>().Single().Method);
    }

    [Fact]
    public void A_process_pool_is_ignored_with_a_warning_at_its_line()
    {
        var yaml = RegistryYaml.Wasm("    pool:\n      type: lazy\n    meta:\n      command: { name: go }\n").Replace("kind: function.wasm", "kind: process.wasm");
        var d = Assert.Single(Parse(yaml).Diagnostics);

        Assert.Equal(RegistryDiagnosticIds.ProcessPoolIgnored, d.Id);
        Assert.Contains("'pool' is ignored on a process.wasm entry", d.Message, StringComparison.Ordinal);
        Assert.Equal(13, d.Position.Line); // the block's first line (pool: is line 12)
    }

    [Fact]
    public void A_command_named_as_a_word_of_the_command_line_is_refused()
    {
        var yaml = RegistryYaml.Wasm("    meta:\n      command: { name: list }\n").Replace("kind: function.wasm", "kind: process.wasm");
        var d = Assert.Single(Parse(yaml).Diagnostics);

        Assert.Equal(RegistryDiagnosticIds.InvalidCommandName, d.Id);
        Assert.Contains("'run list' already means something", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_commands_with_one_name_are_refused_at_the_second()
    {
        var first = Parse(RegistryYaml.Wasm("    meta:\n      command: { name: go }\n").Replace("kind: function.wasm", "kind: process.wasm")).Document!;
        var second = Parse(RegistryYaml.Wasm("    meta:\n      command: { name: go }\n").Replace("kind: function.wasm", "kind: process.wasm").Replace("namespace: myns", "namespace: other"),
            Path.GetFullPath("/reg/other/_index.yaml")).Document!;

        var d = Assert.Single(RegistryValidator.Validate([first, second]), x => x.Id == RegistryDiagnosticIds.InvalidCommandName);

        Assert.Contains("the command name 'go' is taken by 'myns:", d.Message, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath("/reg/other/_index.yaml"), d.Position.FilePath);
    }
}
