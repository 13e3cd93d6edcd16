using Wippy.Diagnostics;
using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>The <c>function.lua</c> kind: source, method, modules, pool, limits, and the fields it does not have.</summary>
public sealed class LuaFunctionEntryTests
{
    private const string Inline = """
        namespace: myns
        entries:
          - name: transform
            kind: function.lua
            meta:
              comment: Upper-cases the names
            source: |
              local json = require("json")
              local function transform_users(users)
                return users
              end
              return { transform_users = transform_users }
            method: transform_users
            modules: [funcs, json, app.utils]
        """;

    private static LuaFunctionEntry Handler(string yaml) => Entry<LuaFunctionEntry>(ParseClean(yaml), "handler");

    [Fact]
    public void Inline_source_is_parsed_into_a_lua_function_entry()
    {
        var entry = Entry<LuaFunctionEntry>(ParseClean(Inline), "transform");
        Assert.Equal("function.lua", entry.Kind);
        Assert.Equal("myns:transform", entry.Id);
        Assert.Equal("Upper-cases the names", entry.Meta.Comment);
        Assert.Equal("transform_users", entry.Method);
        Assert.Equal(new[] { "funcs", "json", "app.utils" }, entry.Modules.Select(m => m.Name));
        Assert.Same(PoolConfig.Default, entry.Pool);
        Assert.Same(LimitsConfig.None, entry.Limits);

        var source = entry.Source!;
        Assert.False(source.IsFileReference);
        Assert.Null(source.ResolvedPath);
        Assert.Equal(RegistryTextStyle.Literal, source.Style);
        Assert.StartsWith("local json = require(\"json\")\n", source.Value, StringComparison.Ordinal);
        Assert.Equal((7, 13), (source.Position.Line, source.Position.Column));
        Assert.Equal(8, source.ContentLine);
        Assert.Equal(6, source.ContentColumnOffset);

        // "return users" is line 3, column 5 of the Lua; in the YAML that is line 10, column 11.
        var mapped = source.MapPosition(3, 5);
        Assert.Equal((10, 11), (mapped.Line, mapped.Column));
        Assert.Equal(FilePath, mapped.FilePath);
    }

    [Fact]
    public void A_lua_function_is_not_a_wasm_function_entry()
    {
        var document = ParseClean(Inline);
        Assert.Empty(document.Entries.OfType<FunctionEntry>());
        Assert.Single(document.Entries.OfType<LuaFunctionEntry>());
    }

    [Fact]
    public void One_line_inline_source()
    {
        var source = Handler(RegistryYaml.Lua().Replace("source: file://handler.lua", "source: \"return { handler = function() return 1 end }\"")).Source!;
        Assert.Equal(RegistryTextStyle.DoubleQuoted, source.Style);
        Assert.Equal("return { handler = function() return 1 end }", source.Value);
        Assert.Equal((5, 14), (source.MapPosition(1, 1).Line, source.MapPosition(1, 1).Column));
    }

    [Fact]
    public void File_source_resolves_relative_to_the_yaml_file_and_keeps_the_raw_value()
    {
        var entry = Handler(RegistryYaml.Lua());
        var source = entry.Source!;
        Assert.True(source.IsFileReference);
        Assert.Null(source.Value);
        Assert.Equal("handler.lua", source.FileReference);
        Assert.Equal("file://handler.lua", source.ToString());
        Assert.Equal(Path.Combine(FileDirectory, "handler.lua"), source.ResolvedPath);
        Assert.Equal((5, 13), (source.Position.Line, source.Position.Column));
        Assert.Equal(5, entry.PositionOf("source").Line);

        var nested = Handler(RegistryYaml.Lua().Replace("file://handler.lua", "file://../lua/src/handler.lua")).Source!;
        Assert.Equal("../lua/src/handler.lua", nested.FileReference);
        Assert.Equal(Path.GetFullPath(Path.Combine(FileDirectory, "..", "lua", "src", "handler.lua")), nested.ResolvedPath);
    }

    [Fact]
    public void A_missing_file_is_not_checked_by_the_parser_like_function_wat()
    {
        // Neither file exists (the YAML path is /reg/app/_index.yaml): the parser only resolves the path; the
        // generator, which sees the files, reports a missing one.
        var lua = Handler(RegistryYaml.Lua().Replace("file://handler.lua", "file://does/not/exist.lua"));
        Assert.False(File.Exists(lua.Source!.ResolvedPath));
        var wat = Entry<FunctionEntry>(ParseClean(RegistryYaml.Wat().Replace("file://answer.wat", "file://does/not/exist.wat")), "answer");
        Assert.False(File.Exists(wat.Source!.ResolvedPath));
    }

    [Fact]
    public void Empty_file_reference_names_a_lua_file()
    {
        var d = SingleFor(RegistryYaml.Lua().Replace("file://handler.lua", "file://"), RegistryDiagnosticIds.InvalidPath, 5, 13);
        Assert.Equal(
            "entry 'myns:handler' (function.lua): 'source' has an empty file:// reference; write e.g. \"source: file://handler.lua\" (relative to this file's directory)",
            d.Message);
    }

    [Fact]
    public void Source_and_method_are_required_and_reported_at_the_entry()
    {
        var diagnostics = Parse("namespace: myns\nentries:\n  - name: handler\n    kind: function.lua\n").Diagnostics;
        Assert.Equal(2, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.Equal(RegistryDiagnosticIds.MissingRequiredField, d.Id));
        Assert.All(diagnostics, d => Assert.Equal((3, 5), (d.Position.Line, d.Position.Column)));
        Assert.Equal(
            "entry 'myns:handler' (function.lua) is missing the required field 'source'; add e.g. \"source: file://handler.lua\" or an inline \"source: |\" block of Lua",
            diagnostics[0].Message);
        Assert.Equal(
            "entry 'myns:handler' (function.lua) is missing the required field 'method'; add e.g. \"method: handler\" (the Lua function to call)",
            diagnostics[1].Message);
    }

    [Fact]
    public void Missing_method_alone()
    {
        var result = Parse(RegistryYaml.Lua().Replace("    method: handler\n", string.Empty));
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.MissingRequiredField, 3, 5);
        Assert.Contains("'method'", d.Message, StringComparison.Ordinal);
        Assert.Null(Assert.IsType<LuaFunctionEntry>(Assert.Single(result.Document!.Entries)).Method);
    }

    [Fact]
    public void Empty_method_is_reported_at_the_value() =>
        SingleFor(RegistryYaml.Lua(method: "\"\""), RegistryDiagnosticIds.MissingRequiredField, 6, 13);

    [Fact]
    public void Empty_inline_source_is_reported_at_the_value() =>
        SingleFor(RegistryYaml.Lua().Replace("source: file://handler.lua", "source: \"  \""), RegistryDiagnosticIds.MissingRequiredField, 5, 13);

    [Fact]
    public void Source_must_be_text() =>
        SingleFor(RegistryYaml.Lua().Replace("source: file://handler.lua", "source: [a]"), RegistryDiagnosticIds.WrongValueType, 5, 13);

    [Theory]
    [InlineData("transform-users", "'transform-users' is not a Lua identifier", "transform_users")]
    [InlineData("1st", "'1st' is not a Lua identifier", "_1st")]
    [InlineData("end", "'end' is a Lua keyword", "end_")]
    [InlineData("users.transform", "'users.transform' is not a Lua identifier", "users_transform")]
    [InlineData("iface#func", "'iface#func' is not a Lua identifier", "iface_func")]
    public void Method_must_be_a_lua_identifier(string method, string why, string suggestion)
    {
        var d = SingleFor(RegistryYaml.Lua(method: method), RegistryDiagnosticIds.InvalidMethod, 6, 13);
        Assert.Equal(
            $"entry 'myns:handler' (function.lua): 'method' must name a Lua function ({why}); write \"method: {suggestion}\" (letters, digits and _, not starting with a digit) and define that function in the source",
            d.Message);
    }

    [Theory]
    [InlineData("handler")]
    [InlineData("_private")]
    [InlineData("Transform2")]
    [InlineData("ends")]
    public void Method_accepts_lua_identifiers(string method) => Assert.Equal(method, Handler(RegistryYaml.Lua(method: method)).Method);

    [Fact]
    public void Modules_in_block_form_keep_their_positions()
    {
        var modules = Handler(RegistryYaml.Lua("    modules:\n      - json\n      - app.utils\n")).Modules;
        Assert.Equal(2, modules.Count);
        Assert.Equal(new LuaModule("json", modules[0].Position), modules[0]);
        Assert.Equal((8, 9), (modules[0].Position.Line, modules[0].Position.Column));
        Assert.Equal("app.utils", modules[1].Name);
        Assert.Equal((9, 9), (modules[1].Position.Line, modules[1].Position.Column));
    }

    [Fact]
    public void Empty_modules_list() => Assert.Empty(Handler(RegistryYaml.Lua("    modules: []\n")).Modules);

    [Theory]
    [InlineData("[my-json]", 15, "is not a valid module name ('my-json')", "my_json")]
    [InlineData("[json, a..b]", 21, "is not a valid module name ('a..b')", "a.b")]
    [InlineData("[json, .json]", 21, "is not a valid module name ('.json')", "json")]
    [InlineData("[\"json \"]", 15, "is not a valid module name ('json ')", "json")]
    [InlineData("[\"\"]", 15, "is empty", "json")]
    public void Bad_module_names_are_errors_and_dropped(string list, int column, string what, string suggestion)
    {
        var result = Parse(RegistryYaml.Lua($"    modules: {list}\n"));
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.InvalidModuleName, 7, column);
        var index = list.StartsWith("[json", StringComparison.Ordinal) ? 1 : 0;
        Assert.Equal(
            $"entry 'myns:handler' (function.lua): 'modules[{index}]' {what}; use letters, digits and '_', segments separated by '.', e.g. \"- {suggestion}\"",
            d.Message);
        var modules = Assert.IsType<LuaFunctionEntry>(Assert.Single(result.Document!.Entries)).Modules;
        Assert.Equal(index, modules.Count);
    }

    [Fact]
    public void A_null_module_item_is_empty() =>
        SingleFor(RegistryYaml.Lua("    modules:\n      - json\n      -\n"), RegistryDiagnosticIds.InvalidModuleName, 9, 8);

    [Fact]
    public void A_module_item_must_be_text()
    {
        var d = SingleFor(RegistryYaml.Lua("    modules:\n      - { name: json }\n"), RegistryDiagnosticIds.WrongValueType, 8, 9);
        Assert.Contains("'modules[0]' must be text, got a map", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_must_be_a_list()
    {
        var d = SingleFor(RegistryYaml.Lua("    modules: json\n"), RegistryDiagnosticIds.WrongValueType, 7, 14);
        Assert.Contains("'modules' must be a list, got 'json'; write e.g. \"modules: [json, funcs]\"", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_module_is_a_warning_and_dropped()
    {
        var result = Parse(RegistryYaml.Lua("    modules:\n      - json\n      - funcs\n      - json\n"));
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.DuplicateModule, 10, 9, WippySeverity.Warning);
        Assert.Equal("entry 'myns:handler' (function.lua): module 'json' is already listed (line 8); remove this one", d.Message);
        var modules = Assert.IsType<LuaFunctionEntry>(Assert.Single(result.Document!.Entries)).Modules;
        Assert.Equal(new[] { "json", "funcs" }, modules.Select(m => m.Name));
    }

    [Fact]
    public void Module_names_are_case_sensitive_like_require() =>
        Assert.Equal(2, Handler(RegistryYaml.Lua("    modules: [json, JSON]\n")).Modules.Count);

    [Fact]
    public void Pool_is_read_like_a_wasm_function_pool()
    {
        var pool = Handler(RegistryYaml.Lua("    pool:\n      type: static\n      workers: 4\n")).Pool;
        Assert.Equal("static", pool.Type);
        Assert.Equal(PoolType.Static, pool.EffectiveType);
        Assert.Equal(4, pool.Workers);
        Assert.Equal(4 * PoolConfig.BufferPerWorker, pool.Buffer);
        Assert.Equal(8, pool.Position!.Line); // a block map starts at its first key

        var lazy = Handler(RegistryYaml.Lua("    pool: { max_size: 3 }\n")).Pool;
        Assert.Equal(PoolType.Lazy, lazy.EffectiveType);
        Assert.Equal(3, lazy.MaxSize);
    }

    [Fact]
    public void Pool_errors_are_the_wasm_function_ones()
    {
        SingleFor(RegistryYaml.Lua("    pool:\n      type: elastic\n"), RegistryDiagnosticIds.InvalidPoolType, 8, 13);
        SingleFor(RegistryYaml.Lua("    pool:\n      workers: -1\n"), RegistryDiagnosticIds.NegativePoolNumber, 8, 16);
        var d = SingleFor(RegistryYaml.Lua("    pool:\n      threads: 2\n"), RegistryDiagnosticIds.UnknownField, 8, 7, WippySeverity.Warning);
        Assert.Contains("'pool.threads'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_field_is_a_warning_naming_the_lua_fields()
    {
        var d = SingleFor(RegistryYaml.Lua("    timeout: 5\n"), RegistryDiagnosticIds.UnknownField, 7, 5, WippySeverity.Warning);
        Assert.Equal(
            "entry 'myns:handler' (function.lua): unknown field 'timeout' is ignored; function.lua has the fields name, kind, meta, source, method, wit, modules, pool, limits",
            d.Message);
    }

    [Theory]
    [InlineData("fs: assets")]
    [InlineData("path: /x.wasm")]
    [InlineData("hash: " + Hash)]
    [InlineData("imports: [wasi:io]")]
    [InlineData("wasi: { cwd: / }")]
    [InlineData("transport: payload")]
    public void Wasm_only_fields_are_unknown_to_function_lua(string field)
    {
        var result = Parse(RegistryYaml.Lua($"    {field}\n"));
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.UnknownField, 7, 5, WippySeverity.Warning);
        Assert.Contains("function.lua has the fields name, kind, meta, source, method, wit, modules, pool, limits", d.Message, StringComparison.Ordinal);
        Assert.IsType<LuaFunctionEntry>(Assert.Single(result.Document!.Entries));
    }

    [Fact]
    public void Wit_declares_a_signature_for_typed_csharp_calls()
    {
        var handler = Handler(RegistryYaml.Lua("    wit: \"handler: func(a: s32) -> s32;\"\n"));
        Assert.Equal("handler: func(a: s32) -> s32;", handler.Wit!.Value);
        Assert.Null(Handler(RegistryYaml.Lua("")).Wit);
    }

    [Fact]
    public void Limits_accepts_a_time_limit()
    {
        var limits = Handler(RegistryYaml.Lua("    limits:\n      max_execution_ms: 2500\n")).Limits;
        Assert.Equal(2500, limits.MaxExecutionMs);
        Assert.Null(limits.MaxMemoryBytes);
        Assert.Equal(8, limits.Position!.Line);
    }

    [Fact]
    public void Limits_accepts_the_memory_limits_of_the_lua_state()
    {
        var result = Parse(RegistryYaml.Lua("    limits:\n      max_execution_ms: 100\n      max_memory_bytes: 1048576\n      max_retained_memory_bytes: 4096\n"));
        Assert.Empty(result.Diagnostics);
        var limits = Assert.IsType<LuaFunctionEntry>(Assert.Single(result.Document!.Entries)).Limits;
        Assert.Equal(100, limits.MaxExecutionMs);
        Assert.Equal(1048576, limits.MaxMemoryBytes);
        Assert.Equal(4096, limits.MaxRetainedMemoryBytes);
    }

    [Fact]
    public void Limits_of_function_lua_warn_other_fields()
    {
        var result = Parse(RegistryYaml.Lua("    limits:\n      max_execution_ms: 100\n      max_stack: 1024\n"));
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.UnknownField, 9, 7, WippySeverity.Warning);
        Assert.Equal(
            "entry 'myns:handler' (function.lua): unknown field 'limits.max_stack' is ignored; limits of a function.lua has the fields max_execution_ms, max_memory_bytes, max_retained_memory_bytes",
            d.Message);
    }

    [Fact]
    public void Limits_memory_must_be_positive() =>
        SingleFor(RegistryYaml.Lua("    limits:\n      max_memory_bytes: 0\n"), RegistryDiagnosticIds.InvalidLimit, 8, 25);

    [Fact]
    public void Limits_time_must_be_positive() =>
        SingleFor(RegistryYaml.Lua("    limits:\n      max_execution_ms: 0\n"), RegistryDiagnosticIds.InvalidLimit, 8, 25);

    [Fact]
    public void Function_lua_is_an_implemented_function_kind()
    {
        Assert.Contains(RegistryKinds.FunctionLua, RegistryKinds.Implemented);
        Assert.DoesNotContain(RegistryKinds.FunctionLua, RegistryKinds.KnownNotImplemented);
        Assert.True(RegistryKinds.IsKnown("function.lua"));
        Assert.True(RegistryKinds.IsLuaFunction("function.lua"));
        Assert.True(RegistryKinds.IsFunction("function.lua"));
        Assert.False(RegistryKinds.IsWasmFunction("function.lua"));
        Assert.True(RegistryKinds.IsFunction("function.wat"));
        Assert.True(RegistryKinds.IsFunction("process.wasm"));
        Assert.False(RegistryKinds.IsFunction("fs.directory"));
    }

    [Fact]
    public void A_misspelled_kind_is_an_error_that_says_which_one_was_meant()
    {
        var d = SingleFor(RegistryYaml.Lua().Replace("kind: function.lua", "kind: function.luaa"), RegistryDiagnosticIds.MisspelledKind, 4, 11, WippySeverity.Error);
        Assert.EndsWith("unknown kind 'function.luaa'; did you mean 'function.lua'? Write \"kind: function.lua\" (until then the entry is left out)", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lua_and_wasm_functions_share_the_id_space()
    {
        var yaml = RegistryYaml.Lua() + "  - name: handler\n    kind: function.wat\n    source: file://h.wat\n    method: h\n";
        var result = Parse(yaml);
        Assert.Empty(result.Diagnostics);
        var d = Single(RegistryValidator.Validate(new[] { result.Document! }), RegistryDiagnosticIds.DuplicateId, 7, 11);
        Assert.Contains("'myns:handler'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reference_to_a_lua_function_where_an_fs_is_expected_is_the_wrong_kind()
    {
        var yaml = RegistryYaml.Lua() + "  - name: compute\n    kind: function.wasm\n    fs: handler\n    path: /c.wasm\n    hash: " + Hash + "\n    method: compute\n";
        var result = Parse(yaml);
        Assert.Empty(result.Diagnostics);
        var d = Single(RegistryValidator.Validate(new[] { result.Document! }), RegistryDiagnosticIds.WrongKindReference, 9, 9);
        Assert.Contains("which has kind function.lua", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", true)]
    [InlineData("app.utils", true)]
    [InlineData("_x9", true)]
    [InlineData("", false)]
    [InlineData("a..b", false)]
    [InlineData("a.", false)]
    [InlineData("my-json", false)]
    [InlineData("a/b", false)]
    public void Module_name_syntax(string name, bool valid) => Assert.Equal(valid, LuaNames.IsModuleName(name));
}
