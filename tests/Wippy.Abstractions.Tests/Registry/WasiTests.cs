using Wippy.Diagnostics;
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
    public void Allowed_outbound_hosts_are_read_in_order_and_in_canonical_form()
    {
        var result = Parse(RegistryYaml.Wasm(
            "    imports: [wasi:http]\n" +
            "    wasi:\n" +
            "      allowed_outbound_hosts: [\"https://API.example.com\", \"http://127.0.0.1:*\", \"https://*.internal.test:8443\", \"*://*:*\"]\n"));
        Assert.Empty(result.Diagnostics);
        var wasi = result.Document!.Entries.OfType<FunctionEntry>().Single().Wasi;
        Assert.Equal(
            ["https://api.example.com", "http://127.0.0.1:*", "https://*.internal.test:8443", "*://*:*"],
            wasi.AllowedOutboundHosts.Select(h => h.ToString()));
        Assert.Equal(14, wasi.AllowedOutboundHostsPosition!.Line);
    }

    [Fact]
    public void No_allowed_outbound_hosts_is_an_empty_list()
    {
        var wasi = ParseClean(RegistryYaml.Wasm("    imports: [wasi:http]\n")).Entries.OfType<FunctionEntry>().Single().Wasi;
        Assert.Empty(wasi.AllowedOutboundHosts);
        Assert.Null(wasi.AllowedOutboundHostsPosition);
    }

    [Fact]
    public void Each_malformed_outbound_host_is_an_error_at_its_line_and_is_left_out()
    {
        var yaml = RegistryYaml.Wasm(
            "    imports: [wasi:http]\n" +
            "    wasi:\n" +
            "      allowed_outbound_hosts:\n" +
            "        - https://api.example.com/v1\n" +
            "        - http://127.0.0.1:*\n" +
            "        - api.example.com\n");
        var result = Parse(yaml);
        Assert.Equal(2, result.Diagnostics.Count);
        var path = Single([result.Diagnostics[0]], RegistryDiagnosticIds.InvalidOutboundHost, 15, 11);
        Assert.Equal(
            "entry 'myns:compute' (function.wasm): 'wasi.allowed_outbound_hosts[0]' (\"https://api.example.com/v1\"): a host pattern has no path; write \"https://api.example.com\"",
            path.Message);
        var scheme = Single([result.Diagnostics[1]], RegistryDiagnosticIds.InvalidOutboundHost, 17, 11);
        Assert.Contains("'wasi.allowed_outbound_hosts[2]' (\"api.example.com\"): a host pattern starts with its scheme; write \"https://api.example.com\"", scheme.Message);
        var wasi = result.Document!.Entries.OfType<FunctionEntry>().Single().Wasi;
        Assert.Equal("http://127.0.0.1:*", Assert.Single(wasi.AllowedOutboundHosts).ToString());
    }

    [Fact]
    public void Allowed_outbound_hosts_must_be_a_list_of_text() =>
        SingleFor(RegistryYaml.Wasm("    imports: [wasi:http]\n    wasi:\n      allowed_outbound_hosts: https://api.example.com\n"), RegistryDiagnosticIds.WrongValueType, 14, 31);

    [Fact]
    public void Allowed_outbound_hosts_without_the_wasi_http_grant_is_a_warning_at_the_field()
    {
        var d = SingleFor(
            RegistryYaml.Wasm("    imports: [wasi:cli]\n    wasi:\n      allowed_outbound_hosts: [\"https://api.example.com\"]\n"),
            RegistryDiagnosticIds.OutboundHostsWithoutHttp,
            14,
            7,
            WippySeverity.Warning);
        Assert.Equal(
            "entry 'myns:compute' (function.wasm): 'wasi.allowed_outbound_hosts' has no effect without 'imports: [wasi:http]': the guest cannot send " +
            "HTTP requests at all; add \"- wasi:http\" to its imports, or remove 'allowed_outbound_hosts'",
            d.Message);
    }

    [Fact]
    public void Allowed_outbound_hosts_without_any_imports_is_a_warning_too() =>
        SingleFor(RegistryYaml.Wasm("    wasi:\n      allowed_outbound_hosts: []\n"), RegistryDiagnosticIds.OutboundHostsWithoutHttp, 13, 7, WippySeverity.Warning);

    [Fact]
    public void The_wasi_http_grant_is_found_whatever_its_spelling() =>
        ParseClean(RegistryYaml.Wasm("    imports: [WASI:HTTP@0.2.0]\n    wasi:\n      allowed_outbound_hosts: [\"https://api.example.com\"]\n"));

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
