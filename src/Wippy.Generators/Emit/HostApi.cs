namespace Wippy.Generators.Emit;

/// <summary>
/// Every name of a Wippy type or member that emitted code writes, fully qualified, in one place: moving a host type to
/// another namespace is a change to this file only. The emitters never spell a <c>global::Wippy.</c> name themselves
/// (a test checks it).
/// </summary>
internal static class HostApi
{
    // ---- values shared with apps (Wippy.Abstractions) ---------------------------------------------------------

    /// <summary>The exception every failed call throws, with a <c>Kind</c>.</summary>
    public const string WippyException = "global::Wippy.WippyException";

    /// <summary><c>option&lt;option&lt;T&gt;&gt;</c>'s outer option (a plain <c>T?</c> cannot nest).</summary>
    public const string Option = "global::Wippy.Option";

    /// <summary><c>result&lt;T, E&gt;</c>.</summary>
    public const string Result = "global::Wippy.Result";

    /// <summary>The missing side of a <c>result</c>, and the result of a typed Lua call that returns nothing.</summary>
    public const string Unit = "global::Wippy.Unit";

    // ---- the run time an app creates ----------------------------------------------------------------------------

    /// <summary>The run time a proxy binds to.</summary>
    public const string WippyRuntime = "global::Wippy.Host.WippyRuntime";

    /// <summary><c>services.AddWippyRuntime(manifest)</c>, called by the generated <c>AddWippyRegistry</c>.</summary>
    public const string AddWippyRuntime = "global::Wippy.Host.WippyServiceCollectionExtensions.AddWippyRuntime";

    // ---- what proxies hold and call (the hidden Wippy.Host.GeneratedCode namespace: only generated code calls it) ---

    /// <summary>A loaded function.wat/function.wasm entry: how its guest runs, and its pool of instances.</summary>
    public const string WasmFunctionHandle = "global::Wippy.Host.WasmFunctionHandle";

    /// <summary>The runtime's process host (<c>runtime.Processes</c>): generated spawn methods start processes through it.</summary>
    public const string LocalProcessHost = "global::Wippy.Host.Processes.LocalProcessHost";

    /// <summary>A spawned process (its PID and exit); generic over the exit value for a method with a result.</summary>
    public const string ProcessHandle = "global::Wippy.Host.Processes.ProcessHandle";

    /// <summary>A process entry's mailbox limits (<c>meta.options.mailbox</c>).</summary>
    public const string MailboxLimits = "global::Wippy.Host.Processes.MailboxLimits";

    /// <summary>The options of a spawn.</summary>
    public const string SpawnOptions = "global::Wippy.Host.Processes.SpawnOptions";

    /// <summary>A loaded function.lua entry.</summary>
    public const string LuaFunctionHandle = "global::Wippy.Host.Lua.LuaFunctionHandle";

    /// <summary>One call into a core module: its instance, its memory, the Canonical ABI primitives.</summary>
    public const string CoreCall = "global::Wippy.Host.GeneratedCode.CoreCall";

    /// <summary>One call through Wasmtime's component model.</summary>
    public const string ComponentCall = "global::Wippy.Host.GeneratedCode.ComponentCall";

    /// <summary>A resource a guest component defines, held by a generated resource class.</summary>
    public const string GuestResource = "global::Wippy.Host.GeneratedCode.GuestResource";

    /// <summary>A generated resource class as Lua sees it.</summary>
    public const string LuaResource = "global::Wippy.Host.GeneratedCode.ILuaResource";

    /// <summary>The kinds of <see cref="WippyException"/>.</summary>
    public const string ErrorKind = "global::Wippy.ErrorKind";

    /// <summary>What the async proxies return.</summary>
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    /// <summary>The flat core value slot of a core call (Wasmtime's <c>wasmtime_val_raw_t</c>).</summary>
    public const string ValueRaw = "global::Wippy.Host.GeneratedCode.ValueRaw";

    /// <summary>The core value types the registration hands to the load-time check.</summary>
    public const string WasmValKind = "global::Wippy.Host.GeneratedCode.WasmValKind";

    /// <summary>A component-model value in Wasmtime's own layout (<c>wasmtime_component_val_t</c>).</summary>
    public const string ComponentVal = "global::Wippy.Host.GeneratedCode.ComponentVal";

    /// <summary>Readers of <see cref="ComponentVal"/>s that check the value's kind.</summary>
    public const string ComponentValues = "global::Wippy.Host.GeneratedCode.ComponentValues";

    /// <summary>A C# value that cannot cross into a component (its message holds the value's path).</summary>
    public const string ComponentValueException = "global::Wippy.Host.GeneratedCode.ComponentValueException";

    /// <summary>The delegate an imported function's adapter is linked as.</summary>
    public const string ComponentHostFunction = "global::Wippy.Host.GeneratedCode.ComponentHostFunction";

    /// <summary>The delegate an imported function's awaiting adapter is linked as.</summary>
    public const string ComponentAsyncHostFunction = "global::Wippy.Host.GeneratedCode.ComponentAsyncHostFunction";

    /// <summary>The delegate a planned component's lowered import runs (a core adapter on an implementation).</summary>
    public const string CoreHostFunction = "global::Wippy.Host.GeneratedCode.CoreHostFunction";

    /// <summary>What an awaiting adapter returns: the implementation's operation and how to write its result.</summary>
    public const string ComponentImportOperation = "global::Wippy.Host.GeneratedCode.ComponentImportOperation";

    /// <summary>Builds the path of a bad value in an error (<c>people[2].name</c>), only when a call fails.</summary>
    public const string AbiPath = "global::Wippy.Host.GeneratedCode.AbiPath";

    // ---- binders ------------------------------------------------------------------------------------------------

    /// <summary>JSON readers and writers of the WIT value types (the command line's <c>call</c>).</summary>
    public const string JsonValues = "global::Wippy.Host.GeneratedCode.JsonValues";

    /// <summary>Lua stack readers and pushers of the WIT value types (<c>funcs.call</c>, typed Lua proxies).</summary>
    public const string LuaValues = "global::Wippy.Host.GeneratedCode.LuaValues";

    // ---- the registry as data (descriptors) ---------------------------------------------------------------------

    /// <summary>The whole registry of an app.</summary>
    public const string RegistryManifest = "global::Wippy.Host.Registry.RegistryManifest";

    /// <summary>The base of every entry descriptor.</summary>
    public const string EntryDescriptor = "global::Wippy.Host.Registry.EntryDescriptor";

    /// <summary>A function.wat/function.wasm entry.</summary>
    public const string FunctionDescriptor = "global::Wippy.Host.Registry.FunctionDescriptor";

    /// <summary>A function.lua entry.</summary>
    public const string LuaFunctionDescriptor = "global::Wippy.Host.Registry.LuaFunctionDescriptor";

    /// <summary>An fs.directory entry.</summary>
    public const string FsDirectoryDescriptor = "global::Wippy.Host.Registry.FsDirectoryDescriptor";

    /// <summary>An fs.embed entry.</summary>
    public const string FsEmbedDescriptor = "global::Wippy.Host.Registry.FsEmbedDescriptor";

    /// <summary>An env.variable entry.</summary>
    public const string EnvVariableDescriptor = "global::Wippy.Host.Registry.EnvVariableDescriptor";

    /// <summary>An env.storage.* entry.</summary>
    public const string EnvStorageDescriptor = "global::Wippy.Host.Registry.EnvStorageDescriptor";

    /// <summary>An http.service entry.</summary>
    public const string HttpServiceDescriptor = "global::Wippy.Host.Registry.HttpServiceDescriptor";

    /// <summary>An http.router entry.</summary>
    public const string HttpRouterDescriptor = "global::Wippy.Host.Registry.HttpRouterDescriptor";

    /// <summary>An http.endpoint entry.</summary>
    public const string HttpEndpointDescriptor = "global::Wippy.Host.Registry.HttpEndpointDescriptor";

    /// <summary>Where a function's module comes from (<c>Wat(...)</c>, <c>FromFs(...)</c>).</summary>
    public const string ModuleSource = "global::Wippy.Host.Registry.ModuleSource";

    /// <summary>A function's pool settings.</summary>
    public const string PoolSettings = "global::Wippy.Host.Registry.PoolSettings";

    /// <summary>The pool types (<c>PoolType.Lazy</c>…).</summary>
    public const string PoolType = "global::Wippy.Host.Registry.PoolType";

    /// <summary>A function's execution limits.</summary>
    public const string LimitSettings = "global::Wippy.Host.Registry.LimitSettings";

    /// <summary>An entry's <c>wasi:</c> block.</summary>
    public const string WasiSettings = "global::Wippy.Host.Registry.WasiSettings";

    /// <summary>One <c>wasi.env</c> item.</summary>
    public const string WasiEnvSetting = "global::Wippy.Host.Registry.WasiEnvSetting";

    /// <summary>One <c>wasi.mounts</c> item.</summary>
    public const string WasiMountSetting = "global::Wippy.Host.Registry.WasiMountSetting";

    /// <summary>The component function a function entry calls, and its type, for the load-time check.</summary>
    public const string ComponentCallInfo = "global::Wippy.Host.Registry.ComponentCallInfo";

    /// <summary>A process entry's <c>meta.command</c>.</summary>
    public const string ProcessCommandInfo = "global::Wippy.Host.Registry.ProcessCommandInfo";

    /// <summary>How a component's imported function finds its C# implementation.</summary>
    public const string ComponentImportBinding = "global::Wippy.Host.Registry.ComponentImportBinding";

    // ---- dependency injection (Microsoft.Extensions.DependencyInjection) ----------------------------------------

    /// <summary>The service collection <c>AddWippyRegistry</c> extends.</summary>
    public const string ServiceCollection = "global::Microsoft.Extensions.DependencyInjection.IServiceCollection";

    /// <summary><c>services.AddSingleton&lt;T&gt;()</c>.</summary>
    public const string AddSingleton = "global::Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton";
}
