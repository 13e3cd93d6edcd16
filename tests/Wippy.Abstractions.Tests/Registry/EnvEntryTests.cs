using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>The env.variable and env.storage.* kinds (docs/registry.md#envvariable, docs/registry.md#envstorage).</summary>
public sealed class EnvEntryTests
{
    private const string Head = "namespace: myns\nentries:\n";

    [Fact]
    public void Every_kind_is_read_with_its_fields()
    {
        var doc = ParseClean(Head + """
              - name: greeting
                kind: env.variable
                variable: GREETING
                storage: app_env
                default: hi
                readonly: true
              - name: HOME
                kind: env.variable
              - name: app_env
                kind: env.storage.static
                values:
                  GREETING: hello
                  EMPTY: ""
              - name: file_env
                kind: env.storage.file
                file_path: ./.env
                auto_create: true
              - name: os_env
                kind: env.storage.os
              - name: mem_env
                kind: env.storage.memory
              - name: all_env
                kind: env.storage.router
                storages: [app_env, myns:file_env, os_env]
            """);
        var greeting = Entry<EnvVariableEntry>(doc, "greeting");
        Assert.Equal(("GREETING", "myns:app_env", "hi", true), (greeting.Variable, greeting.Storage!.Id, greeting.Default, greeting.ReadOnly));
        var home = Entry<EnvVariableEntry>(doc, "HOME");
        Assert.Equal(("HOME", null, null, false), (home.Variable, home.Storage, home.Default, home.ReadOnly)); // the process environment
        Assert.Equal(new Dictionary<string, string> { ["GREETING"] = "hello", ["EMPTY"] = "" }, Entry<EnvStorageEntry>(doc, "app_env").Values);
        var file = Entry<EnvStorageEntry>(doc, "file_env");
        Assert.Equal(("./.env", Path.Combine(FileDirectory, ".env"), true), (file.EnvFilePath, file.ResolvedFilePath, file.AutoCreate));
        Assert.Equal(["myns:app_env", "myns:file_env", "myns:os_env"], Entry<EnvStorageEntry>(doc, "all_env").Storages.Select(s => s.Id));
        Assert.Equal(RegistryKinds.EnvStorageMemory, Entry<EnvStorageEntry>(doc, "mem_env").Kind);
    }

    [Fact]
    public void A_file_storage_needs_its_path() =>
        SingleFor(Head + "  - name: f\n    kind: env.storage.file\n", RegistryDiagnosticIds.MissingRequiredField, 3, 5);

    [Fact]
    public void A_router_needs_its_storages() =>
        SingleFor(Head + "  - name: r\n    kind: env.storage.router\n", RegistryDiagnosticIds.MissingRequiredField, 3, 5);

    [Fact]
    public void Unknown_fields_are_warned_about() =>
        SingleFor(Head + "  - name: o\n    kind: env.storage.os\n    values: {}\n", RegistryDiagnosticIds.UnknownField, 5, 5, Wippy.Diagnostics.WippySeverity.Warning);

    [Fact]
    public void A_variable_must_name_an_existing_storage_of_the_right_kind()
    {
        var doc = Parse(Head + """
              - name: v
                kind: env.variable
                storage: nope
              - name: w
                kind: env.variable
                storage: v
              - name: r
                kind: env.storage.router
                storages: [v]
            """).Document!;
        var diagnostics = RegistryValidator.Validate(new[] { doc });
        Assert.Equal(3, diagnostics.Count);
        Assert.Contains(diagnostics, d => d.Id == RegistryDiagnosticIds.UnresolvedReference && d.Message.Contains("'storage' refers to 'myns:nope'"));
        Assert.Contains(diagnostics, d => d.Id == RegistryDiagnosticIds.WrongKindReference && d.Message.Contains("'storage' refers to 'myns:v', which has kind env.variable, but it must name an env.storage.* entry"));
        Assert.Contains(diagnostics, d => d.Id == RegistryDiagnosticIds.WrongKindReference && d.Message.Contains("'storages[0]'"));
    }
}
