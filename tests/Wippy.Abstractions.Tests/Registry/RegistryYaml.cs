namespace Wippy.Abstractions.Tests.Registry;

/// <summary>YAML snippets with known line numbers for the rule tests.</summary>
internal static class RegistryYaml
{
    /// <summary>
    /// An fs.directory and a function.wasm; lines: 1 namespace, 3 '- name: assets', 6 '- name: compute'
    /// (column 5), 8 fs, 9 path, 10 hash (value at column 11), 11 method; <paramref name="extra"/> starts at line 12
    /// and must be indented by 4 spaces.
    /// </summary>
    public static string Wasm(string extra = "", string hash = RegistryTestKit.Hash, string method = "compute") =>
        "namespace: myns\n" +
        "entries:\n" +
        "  - name: assets\n" +
        "    kind: fs.directory\n" +
        "    directory: ./wasm\n" +
        "  - name: compute\n" +
        "    kind: function.wasm\n" +
        "    fs: assets\n" +
        "    path: /compute.wasm\n" +
        $"    hash: {hash}\n" +
        $"    method: {method}\n" +
        extra;

    /// <summary>A function.wat entry; lines: 3 '- name: answer', 5 source, 6 method; <paramref name="extra"/> starts at line 7.</summary>
    public static string Wat(string extra = "") =>
        "namespace: myns\n" +
        "entries:\n" +
        "  - name: answer\n" +
        "    kind: function.wat\n" +
        "    source: file://answer.wat\n" +
        "    method: answer\n" +
        extra;

    /// <summary>A function.lua entry; lines: 3 '- name: handler' (column 5), 5 source (value at column 13), 6 method (value at column 13); <paramref name="extra"/> starts at line 7.</summary>
    public static string Lua(string extra = "", string method = "handler") =>
        "namespace: myns\n" +
        "entries:\n" +
        "  - name: handler\n" +
        "    kind: function.lua\n" +
        "    source: file://handler.lua\n" +
        $"    method: {method}\n" +
        extra;
}
