namespace Wippy.Registry;

/// <summary>The entry kinds this front end knows (docs/registry.md#kinds) and helpers to classify a kind string.</summary>
public static class RegistryKinds
{
    /// <summary>Inline WAT (or a <c>file://</c> WAT file) compiled at load.</summary>
    public const string FunctionWat = "function.wat";

    /// <summary>A precompiled binary read from a filesystem entry.</summary>
    public const string FunctionWasm = "function.wasm";

    /// <summary>A Lua 5.4 function: inline Lua or a <c>file://</c> Lua file, with <c>method</c> and <c>modules</c> (<see cref="LuaFunctionEntry"/>).</summary>
    public const string FunctionLua = "function.lua";

    /// <summary>A binary run as a process (CLI command or long-lived process).</summary>
    public const string ProcessWasm = "process.wasm";

    /// <summary>A directory on disk exposed as a filesystem entry.</summary>
    public const string FsDirectory = "fs.directory";

    /// <summary>A directory embedded in the app at build time (parsed as <see cref="UnknownEntry"/> for now).</summary>
    public const string FsEmbed = "fs.embed";

    /// <summary>An environment variable looked up in a storage (<see cref="EnvVariableEntry"/>).</summary>
    public const string EnvVariable = "env.variable";

    /// <summary>The process environment, as an env storage.</summary>
    public const string EnvStorageOs = "env.storage.os";

    /// <summary>Values written in the registry (<c>values</c>).</summary>
    public const string EnvStorageStatic = "env.storage.static";

    /// <summary>A <c>.env</c> file (<c>file_path</c>, <c>auto_create</c>).</summary>
    public const string EnvStorageFile = "env.storage.file";

    /// <summary>The first of several storages that has the variable (<c>storages</c>).</summary>
    public const string EnvStorageRouter = "env.storage.router";

    /// <summary>Values kept in memory while the app runs.</summary>
    public const string EnvStorageMemory = "env.storage.memory";

    /// <summary>The kinds parsed into typed entries.</summary>
    public static IReadOnlyList<string> Implemented { get; } = new[]
    {
        FunctionWat, FunctionWasm, FunctionLua, ProcessWasm, FsDirectory, FsEmbed,
        EnvVariable, EnvStorageOs, EnvStorageStatic, EnvStorageFile, EnvStorageRouter, EnvStorageMemory,
    };

    /// <summary>Whether <paramref name="kind"/> is an <c>env.storage.*</c> kind.</summary>
    public static bool IsEnvStorage(string kind) => kind is EnvStorageOs or EnvStorageStatic or EnvStorageFile or EnvStorageRouter or EnvStorageMemory;

    /// <summary>
    /// The kinds that are known but not parsed into typed entries yet (docs/registry.md#kinds-not-run-yet): accepted silently as
    /// <see cref="UnknownEntry"/> (kind, name and meta kept).
    /// </summary>
    public static IReadOnlyList<string> KnownNotImplemented { get; } = new[]
    {
        "http.service", "http.router", "http.endpoint", "process.host", "terminal.host",
    };

    /// <summary>Whether <paramref name="kind"/> is a kind of docs/registry.md#kinds (implemented or not).</summary>
    public static bool IsKnown(string kind) => Contains(Implemented, kind) || Contains(KnownNotImplemented, kind);

    /// <summary>Whether <paramref name="kind"/> is one of the WASM function kinds (<c>function.wat</c>, <c>function.wasm</c>, <c>process.wasm</c>).</summary>
    public static bool IsWasmFunction(string kind) =>
        string.Equals(kind, FunctionWat, StringComparison.Ordinal)
        || string.Equals(kind, FunctionWasm, StringComparison.Ordinal)
        || string.Equals(kind, ProcessWasm, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="kind"/> is <c>function.lua</c> (parsed as <see cref="LuaFunctionEntry"/>, not <see cref="FunctionEntry"/>).</summary>
    public static bool IsLuaFunction(string kind) => string.Equals(kind, FunctionLua, StringComparison.Ordinal);

    /// <summary>
    /// Whether <paramref name="kind"/> is any function kind: a WASM one (<see cref="IsWasmFunction"/>, which keeps
    /// meaning "the module is WebAssembly" and so does not include function.lua) or <c>function.lua</c>.
    /// </summary>
    public static bool IsFunction(string kind) => IsWasmFunction(kind) || IsLuaFunction(kind);

    /// <summary>Whether <paramref name="kind"/> is a filesystem kind (<c>fs.*</c>), the kind an <c>fs</c> reference must name.</summary>
    public static bool IsFilesystem(string kind) => kind.StartsWith("fs.", StringComparison.Ordinal);

    private static bool Contains(IReadOnlyList<string> list, string kind)
    {
        foreach (var k in list)
        {
            if (string.Equals(k, kind, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
