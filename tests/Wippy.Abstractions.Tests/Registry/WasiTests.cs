using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>The per-file rules of the wasi block.</summary>
public sealed class WasiTests
{
    [Fact]
    public void Relative_cwd()
    {
        var d = SingleFor(RegistryYaml.Wasm("    wasi:\n      cwd: app\n"), RegistryDiagnosticIds.RelativeGuestPath, 13, 12);
        Assert.Contains("cwd: /app", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_mount_guest_path() =>
        SingleFor(
            RegistryYaml.Wasm("    wasi:\n      mounts:\n        - fs: assets\n          guest: data\n"),
            RegistryDiagnosticIds.RelativeGuestPath,
            15,
            18);

    [Fact]
    public void Duplicate_mount_paths()
    {
        var yaml = RegistryYaml.Wasm(
            "    wasi:\n" +
            "      mounts:\n" +
            "        - fs: assets\n" +
            "          guest: /data\n" +
            "        - fs: assets\n" +
            "          guest: /data/\n");
        var d = SingleFor(yaml, RegistryDiagnosticIds.DuplicateMountPath, 17, 18);
        Assert.Contains("line 15", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mount_requires_fs_and_guest() =>
        SingleFor(RegistryYaml.Wasm("    wasi:\n      mounts:\n        - guest: /data\n"), RegistryDiagnosticIds.MissingRequiredField, 14, 11);

    [Fact]
    public void Env_name_must_be_a_variable_name() =>
        SingleFor(
            RegistryYaml.Wasm("    wasi:\n      env:\n        - id: api_key\n          name: API-KEY\n"),
            RegistryDiagnosticIds.InvalidEnvName,
            15,
            17);

    [Fact]
    public void Env_names_are_unique() =>
        SingleFor(
            RegistryYaml.Wasm("    wasi:\n      env:\n        - { id: a, name: X }\n        - { id: b, name: X }\n"),
            RegistryDiagnosticIds.InvalidEnvName,
            15,
            26);

    [Fact]
    public void Args_must_be_a_list() =>
        SingleFor(RegistryYaml.Wasm("    wasi:\n      args: --verbose\n"), RegistryDiagnosticIds.WrongValueType, 13, 13);

    [Fact]
    public void Bare_env_and_mount_references_resolve_in_the_file_namespace()
    {
        var result = Parse(RegistryYaml.Wasm("    wasi:\n      env: [{ id: api_key, name: KEY }]\n      mounts: [{ fs: other.ns:data, guest: /d }]\n"));
        Assert.Empty(result.Diagnostics);
        var wasi = result.Document!.Entries.OfType<FunctionEntry>().Single().Wasi;
        Assert.Equal("myns:api_key", wasi.Env[0].Id.Id);
        Assert.Equal("api_key", wasi.Env[0].Id.Raw);
        Assert.Equal("other.ns:data", wasi.Mounts[0].Fs.Id);
        Assert.Equal("other.ns", wasi.Mounts[0].Fs.Namespace);
        Assert.Equal("data", wasi.Mounts[0].Fs.Name);
    }
}
