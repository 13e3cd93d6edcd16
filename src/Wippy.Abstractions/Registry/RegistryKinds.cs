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

    /// <summary>An HTTP server (<see cref="HttpServiceEntry"/>).</summary>
    public const string HttpService = "http.service";

    /// <summary>A group of HTTP endpoints under a path prefix (<see cref="HttpRouterEntry"/>).</summary>
    public const string HttpRouter = "http.router";

    /// <summary>An HTTP method and path served by a function (<see cref="HttpEndpointEntry"/>).</summary>
    public const string HttpEndpoint = "http.endpoint";

    /// <summary>
    /// Every kind this front end knows, each declared once: its reader and how far it is supported. A kind not listed
    /// is unknown (WIPPY0007).
    /// </summary>
    public static IReadOnlyList<RegistryKind> All { get; } = new[]
    {
        new RegistryKind(FunctionWat, RegistryKindSupport.Runs, "a function compiled from WAT text", FunctionEntryReader.Read),
        new RegistryKind(FunctionWasm, RegistryKindSupport.Runs, "a function in a WebAssembly binary", FunctionEntryReader.Read),
        new RegistryKind(FunctionLua, RegistryKindSupport.Runs, "a Lua 5.4 function", LuaFunctionReader.Read),
        new RegistryKind(ProcessWasm, RegistryKindSupport.Runs, "a WebAssembly binary run as a process (so far: a command, meta.command)", FunctionEntryReader.Read),
        new RegistryKind(FsDirectory, RegistryKindSupport.Runs, "a directory on disk", FsDirectoryReader.Read),
        new RegistryKind(FsEmbed, RegistryKindSupport.Runs, "a directory embedded in the app", FsDirectoryReader.Read),
        new RegistryKind(EnvVariable, RegistryKindSupport.Runs, "an environment variable looked up in a storage", EnvReader.ReadVariable),
        new RegistryKind(EnvStorageOs, RegistryKindSupport.Runs, "the process environment", EnvReader.ReadStorage),
        new RegistryKind(EnvStorageStatic, RegistryKindSupport.Runs, "values written in the registry", EnvReader.ReadStorage),
        new RegistryKind(EnvStorageFile, RegistryKindSupport.Runs, "a .env file", EnvReader.ReadStorage),
        new RegistryKind(EnvStorageRouter, RegistryKindSupport.Runs, "the first of several storages that has the variable", EnvReader.ReadStorage),
        new RegistryKind(EnvStorageMemory, RegistryKindSupport.Runs, "values kept in memory while the app runs", EnvReader.ReadStorage),
        new RegistryKind(HttpService, RegistryKindSupport.Runs, "an HTTP server", HttpReader.ReadService),
        new RegistryKind(HttpRouter, RegistryKindSupport.Runs, "a group of HTTP endpoints under a path prefix", HttpReader.ReadRouter),
        new RegistryKind(HttpEndpoint, RegistryKindSupport.Runs, "an HTTP endpoint calling a function", HttpReader.ReadEndpoint),
        NotRunYet("process.host", "a host for processes", "process hosts are not run yet; the entry is kept but hosts nothing"),
        NotRunYet("terminal.host", "a host for command-line processes", "terminal hosts are not run yet; the entry is kept but hosts nothing"),
    };

    private static RegistryKind NotRunYet(string name, string summary, string notRunYet) =>
        new(name, RegistryKindSupport.AcceptedNotRun, summary, null, notRunYet);

    /// <summary>The kind named <paramref name="kind"/>, or null when it is unknown.</summary>
    public static RegistryKind? Find(string kind)
    {
        foreach (var k in All)
        {
            if (string.Equals(k.Name, kind, StringComparison.Ordinal)) return k;
        }

        return null;
    }

    /// <summary>The kinds parsed into typed entries.</summary>
    public static IReadOnlyList<string> Implemented { get; } = All.Where(k => k.Read is not null).Select(k => k.Name).ToArray();

    /// <summary>Whether <paramref name="kind"/> is an <c>env.storage.*</c> kind.</summary>
    public static bool IsEnvStorage(string kind) => kind is EnvStorageOs or EnvStorageStatic or EnvStorageFile or EnvStorageRouter or EnvStorageMemory;

    /// <summary>
    /// The kinds known but not parsed into typed entries yet (docs/registry.md#kinds-not-run-yet): accepted as
    /// <see cref="UnknownEntry"/> (kind, name and meta kept) without WIPPY0007; the generator warns that they do not run.
    /// </summary>
    public static IReadOnlyList<string> KnownNotImplemented { get; } = All.Where(k => k.Read is null).Select(k => k.Name).ToArray();

    /// <summary>Whether <paramref name="kind"/> is a kind this front end knows (parsed or not).</summary>
    public static bool IsKnown(string kind) => Find(kind) is not null;

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
}
