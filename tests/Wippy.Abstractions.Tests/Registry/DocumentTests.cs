using Wippy.Diagnostics;
using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>File-level rules: YAML syntax, document shape, namespace, entries, name and kind.</summary>
public sealed class DocumentTests
{
    [Fact]
    public void Yaml_syntax_error_has_line_and_column()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: a\n    kind: fs.directory\n   directory: x\n");
        Assert.Null(result.Document);
        Single(result.Diagnostics, RegistryDiagnosticIds.YamlSyntax, 5, 4);
    }

    [Fact]
    public void Unterminated_quote()
    {
        var d = SingleFor("namespace: myns\nentries:\n  - name: a\n    kind: fs.directory\n    directory: \"./x\n", RegistryDiagnosticIds.YamlSyntax, 5, 16);
        Assert.Contains("quoted scalar", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_flow_list_is_reported_near_the_failure()
    {
        // YamlDotNet throws without a position here; the last parsed token's end is used.
        var result = Parse("namespace: myns\nentries:\n  - name: a\n    args: [1, 2\n  - name: b\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(RegistryDiagnosticIds.YamlSyntax, d.Id);
        Assert.Equal(4, d.Position.Line);
    }

    [Fact]
    public void Duplicate_key_is_a_syntax_error_at_the_second_key() =>
        SingleFor("namespace: myns\nentries:\n  - name: a\n    kind: fs.directory\n    kind: x\n", RegistryDiagnosticIds.YamlSyntax, 5, 5);

    [Fact]
    public void Unquoted_star_pattern_is_reported_at_the_alias_with_a_quoting_hint()
    {
        var d = SingleFor("namespace: myns\nentries:\n  - name: a\n    kind: fs.embed\n    directory: ./x\n    include: [*.wasm]\n", RegistryDiagnosticIds.YamlSyntax, 6, 15);
        Assert.Contains("'*.wasm' is a YAML alias; a value that starts with * must be quoted, e.g. '*.wasm'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tab_indentation_points_at_the_tab() =>
        SingleFor("namespace: myns\nentries:\n\t- name: a\n", RegistryDiagnosticIds.YamlSyntax, 3, 1);

    [Fact]
    public void Empty_file()
    {
        var result = Parse(string.Empty);
        Assert.Null(result.Document);
        Single(result.Diagnostics, RegistryDiagnosticIds.MissingRequiredField, 1, 1);
    }

    [Fact]
    public void Root_must_be_a_map() =>
        SingleFor("- name: a\n", RegistryDiagnosticIds.InvalidDocument, 1, 1);

    [Fact]
    public void One_document_per_file() =>
        SingleFor("namespace: a\nentries: []\n---\nnamespace: b\n", RegistryDiagnosticIds.InvalidDocument, 4, 1);

    [Fact]
    public void Missing_namespace()
    {
        var result = Parse("entries: []\n");
        Assert.Null(result.Document);
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.MissingRequiredField, 1, 1);
        Assert.Contains("'namespace'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_entries()
    {
        var result = Parse("namespace: myns\n");
        Assert.NotNull(result.Document);
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.MissingRequiredField, 1, 1);
        Assert.Contains("'entries'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_entries_is_allowed()
    {
        var result = Parse("namespace: myns\nentries:\n");
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Document!.Entries);
    }

    [Fact]
    public void Entries_must_be_a_list() =>
        SingleFor("namespace: myns\nentries:\n  name: a\n", RegistryDiagnosticIds.WrongValueType, 3, 3);

    [Fact]
    public void Entry_must_be_a_map() =>
        SingleFor("namespace: myns\nentries:\n  - answer\n", RegistryDiagnosticIds.WrongValueType, 3, 5);

    [Theory]
    [InlineData("MyApp")]
    [InlineData("app..api")]
    [InlineData("app:api")]
    [InlineData(".app")]
    public void Invalid_namespace(string ns) =>
        SingleFor($"namespace: \"{ns}\"\nentries: []\n", RegistryDiagnosticIds.InvalidNamespace, 1, 12);

    [Fact]
    public void Dotted_namespace_is_valid()
    {
        var result = Parse("version: \"1.0\"\nnamespace: app.api.v2\nentries: []\n");
        Assert.Empty(result.Diagnostics);
        Assert.Equal("app.api.v2", result.Document!.Namespace);
        Assert.Equal("1.0", result.Document.Version);
    }

    [Fact]
    public void Unsupported_version_is_a_warning() =>
        SingleFor("version: 2.0\nnamespace: myns\nentries: []\n", RegistryDiagnosticIds.UnsupportedVersion, 1, 10, WippySeverity.Warning);

    [Fact]
    public void Unknown_top_level_field_is_a_warning() =>
        SingleFor("namespace: myns\nentries: []\nimports: []\n", RegistryDiagnosticIds.UnknownField, 3, 1, WippySeverity.Warning);

    [Fact]
    public void Entry_missing_name_is_reported_and_left_out()
    {
        var result = Parse("namespace: myns\nentries:\n  - kind: fs.directory\n    directory: ./x\n");
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.MissingRequiredField, 3, 5);
        Assert.Contains("'name'", d.Message, StringComparison.Ordinal);
        Assert.Empty(result.Document!.Entries);
    }

    [Fact]
    public void Entry_missing_kind_is_reported_and_left_out()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: a\n    directory: ./x\n");
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.MissingRequiredField, 3, 5);
        Assert.StartsWith("entry 'myns:a' is missing the required field 'kind'", d.Message, StringComparison.Ordinal);
        Assert.Empty(result.Document!.Entries);
    }

    [Fact]
    public void Invalid_entry_name()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: my entry\n    kind: fs.directory\n    directory: ./x\n");
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.InvalidEntryName, 3, 11);
        Assert.Contains("my_entry", d.Message, StringComparison.Ordinal);
        Assert.Empty(result.Document!.Entries);
    }

    [Fact]
    public void Unknown_kind_is_a_warning_and_the_entry_is_kept()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: a\n    kind: function.python\n    source: x.py\n");
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.UnknownKind, 4, 11, WippySeverity.Warning);
        Assert.Contains("function.wasm", d.Message, StringComparison.Ordinal);
        var entry = Assert.IsType<UnknownEntry>(Assert.Single(result.Document!.Entries));
        Assert.False(entry.IsKnownKind);
        Assert.Equal("function.python", entry.Kind);
    }

    [Theory]
    [InlineData("function.wams", "function.wasm")] // letters swapped
    [InlineData("function.wsm", "function.wasm")] // one left out
    [InlineData("Function.Wasm", "function.wasm")] // case
    [InlineData("fs.directroy", "fs.directory")]
    [InlineData("http.endpiont", "http.endpoint")]
    [InlineData("proces.wasm", "process.wasm")]
    public void A_kind_close_to_a_known_one_is_an_error_saying_which(string written, string meant)
    {
        var result = Parse($"namespace: myns\nentries:\n  - name: a\n    kind: {written}\n");
        var d = Single(result.Diagnostics, RegistryDiagnosticIds.MisspelledKind, 4, 11, WippySeverity.Error);
        Assert.Contains($"unknown kind '{written}'; did you mean '{meant}'? Write \"kind: {meant}\"", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("process.host")]
    [InlineData("terminal.host")]
    public void Known_kinds_not_implemented_are_accepted_silently(string kind)
    {
        var result = Parse($"namespace: myns\nentries:\n  - name: a\n    kind: {kind}\n    anything: 1\n    meta:\n      title: A\n");
        Assert.Empty(result.Diagnostics);
        var entry = Assert.IsType<UnknownEntry>(Assert.Single(result.Document!.Entries));
        Assert.True(entry.IsKnownKind);
        Assert.Equal("A", entry.Meta.Title);
    }

    [Fact]
    public void Fs_embed_has_a_directory_an_include_list_and_nothing_else()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: assets\n    kind: fs.embed\n    directory: ./wasm\n    auto_init: true\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(RegistryDiagnosticIds.UnknownField, d.Id);
        Assert.Contains("fs.embed has the fields name, kind, meta, directory, include", d.Message, StringComparison.Ordinal);
        var entry = Assert.IsType<FsDirectoryEntry>(Assert.Single(result.Document!.Entries));
        Assert.True(entry.IsEmbedded);
        Assert.Equal("./wasm", entry.Directory);
        Assert.False(entry.AutoInit);
        Assert.Empty(entry.Include);
        Assert.True(entry.Embeds("sub/anything.txt"));
    }

    [Fact]
    public void Fs_embed_include_selects_files_by_pattern()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: assets\n    kind: fs.embed\n    directory: ./wasm\n    include: ['*.wasm', static, \"**/*.json\"]\n");
        Assert.Empty(result.Diagnostics);
        var entry = Assert.IsType<FsDirectoryEntry>(Assert.Single(result.Document!.Entries));
        Assert.Equal(["*.wasm", "static", "**/*.json"], entry.Include.Select(p => p.Text));
        Assert.Equal(6, entry.Include[0].Position.Line);
        Assert.True(entry.Embeds("mapper.wasm"));
        Assert.True(entry.Embeds("static/css/site.css"));
        Assert.True(entry.Embeds("config.json"));
        Assert.True(entry.Embeds("a/b/config.json"));
        Assert.False(entry.Embeds("mapper.c"));
        Assert.False(entry.Embeds("sub/mapper.wasm"));
    }

    [Theory]
    [InlineData("''", "'include[1]' ('') is empty")]
    [InlineData("/abs/*.wasm", "is absolute; patterns are relative to the entry's directory")]
    [InlineData("../up/*.wasm", "leaves the directory ('..')")]
    [InlineData("'a\\b.wasm'", "uses '\\'; separate folders with '/'")]
    [InlineData("'*.{wasm,wat}'", "uses brackets or braces")]
    [InlineData(".", "matches nothing but the directory itself")]
    public void Fs_embed_bad_include_patterns_are_errors_at_their_line(string pattern, string expected)
    {
        var result = Parse($"namespace: myns\nentries:\n  - name: assets\n    kind: fs.embed\n    directory: ./wasm\n    include:\n      - '*.wasm'\n      - {pattern}\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(RegistryDiagnosticIds.InvalidIncludePattern, d.Id);
        Assert.Equal(8, d.Position.Line);
        Assert.Contains(expected, d.Message, StringComparison.Ordinal);
        Assert.Contains("include: ['*.wasm', static]", d.Message, StringComparison.Ordinal);
        var entry = Assert.IsType<FsDirectoryEntry>(Assert.Single(result.Document!.Entries));
        Assert.Equal(["*.wasm"], entry.Include.Select(p => p.Text)); // the good pattern is kept
    }

    [Fact]
    public void Fs_embed_empty_include_is_an_error_saying_to_leave_it_out()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: assets\n    kind: fs.embed\n    directory: ./wasm\n    include: []\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(RegistryDiagnosticIds.InvalidIncludePattern, d.Id);
        Assert.Equal(6, d.Position.Line);
        Assert.Contains("leave 'include' out to embed every file", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fs_directory_has_no_include()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: assets\n    kind: fs.directory\n    directory: ./wasm\n    include: ['*.wasm']\n");
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(RegistryDiagnosticIds.UnknownField, d.Id);
        Assert.Contains("'include'", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entry_header_and_meta()
    {
        var result = Parse("namespace: myns\nentries:\n  - name: assets\n    kind: fs.directory\n    meta:\n      comment: Binaries\n      title: Assets\n      tags: [a]\n      order: 3\n    directory: ./wasm\n");
        Assert.Empty(result.Diagnostics);
        var entry = Assert.Single(result.Document!.Entries);
        Assert.Equal("myns:assets", entry.Id);
        Assert.Equal("myns", entry.Namespace);
        Assert.Equal(FilePath, entry.FilePath);
        Assert.Equal((3, 5), (entry.Position.Line, entry.Position.Column));
        Assert.Equal((3, 11), (entry.NamePosition.Line, entry.NamePosition.Column));
        Assert.Equal((4, 11), (entry.KindPosition.Line, entry.KindPosition.Column));
        Assert.Equal(10, entry.PositionOf("directory").Line);
        Assert.Equal(entry.Position, entry.PositionOf("mode"));
        Assert.Equal("Binaries", entry.Meta.Comment);
        Assert.Equal("Assets", entry.Meta.Title);
        Assert.Equal("3", entry.Meta.Values["order"]);
        Assert.False(entry.Meta.Values.ContainsKey("tags"));
    }
}
