using System.Text.Json;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;

namespace Wippy.Host.Registry;

/// <summary>A <c>function.wat</c> or <c>function.wasm</c> entry, with its signature's core type and its JSON binder.</summary>
/// <param name="id">The entry id.</param>
/// <param name="kind"><c>function.wat</c> or <c>function.wasm</c>.</param>
/// <param name="declaredAt">Where the entry is declared.</param>
public sealed class FunctionDescriptor(string id, string kind, string declaredAt) : EntryDescriptor(id, kind, declaredAt)
{
    /// <summary>The core export to call: <c>method:</c> for a core module; for a component called directly, the core export its function lifts.</summary>
    public required string Export { get; init; }

    /// <summary>Set when the module is a component: the function <c>method:</c> names and its type (checked at load).</summary>
    public ComponentCallInfo? Component { get; init; }

    /// <summary>
    /// True when the component is called through Wasmtime's component model (imports, several core modules…);
    /// false when its core module is called directly (see docs/components.md).
    /// </summary>
    public bool CallsComponentModel { get; init; }

    /// <summary>
    /// True for a component served through the standard <c>wasi:http/incoming-handler</c> (a <c>function.wasm</c> with
    /// <c>transport: wasi-http</c> and no <c>method</c>): only its HTTP endpoints call it, giving it the request and
    /// taking its response (docs/http.md); it has no typed proxy, and every other call fails with Invalid.
    /// </summary>
    public bool IncomingHandler { get; init; }

    /// <summary>
    /// For a <c>process.wasm</c> entry: its command (<c>meta.command</c>). A process is run, not called: only
    /// <c>&lt;app&gt; run &lt;name&gt;</c> runs it, and every other call fails with Invalid.
    /// </summary>
    public ProcessCommandInfo? Command { get; init; }

    /// <summary>A <c>process.wasm</c> entry's mailbox limits (<c>meta.options.mailbox</c>), or null for <see cref="Processes.MailboxLimits.Default"/>.</summary>
    public Processes.MailboxLimits? Mailbox { get; init; }

    /// <summary>The C# implementations the component's imports can have (generated per imported WIT interface).</summary>
    public IReadOnlyList<ComponentImportBinding> ComponentImports { get; init; } = [];

    /// <summary>Where the module comes from.</summary>
    public required ModuleSource Source { get; init; }

    /// <summary>Pool settings.</summary>
    public PoolSettings Pool { get; init; } = new(PoolType.Lazy, 0, 0, 0, 100, false);

    /// <summary>Execution limits.</summary>
    public LimitSettings Limits { get; init; } = new(null, null, null);

    /// <summary><c>payload</c> or <c>wasi-http</c>.</summary>
    public string Transport { get; init; } = "payload";

    /// <summary>The host imports the entry enables (<c>imports:</c>), normalized.</summary>
    public IReadOnlyList<string> Imports { get; init; } = [];

    /// <summary>The entry's <c>wasi:</c> block (arguments, working directory, variables, mounts).</summary>
    public WasiSettings Wasi { get; init; } = WasiSettings.None;

    /// <summary>The core parameter types the export must have (the signature, flattened by the Canonical ABI).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public IReadOnlyList<WasmValKind> CoreParams { get; init; } = [];

    /// <summary>The core result types the export must have.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public IReadOnlyList<WasmValKind> CoreResults { get; init; } = [];

    /// <summary>The WIT signature, e.g. <c>greet: func(name: string) -> string</c>.</summary>
    public string WitSignature { get; init; } = "";

    /// <summary>The WIT definitions of the named types the signature uses, one per line (<c>record person { name: string }</c>); "" when none.</summary>
    public string WitTypes { get; init; } = "";

    /// <summary>The JSON binder of the signature (command line, HTTP).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public JsonInvoker? InvokeJson { get; init; }

    /// <summary>The awaiting JSON binder, for functions whose guests may wait on a fiber (through the component model, or planned with imports that can wait).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public JsonAsyncInvoker? InvokeJsonAsync { get; init; }

    /// <summary>The Lua binder of the signature (<c>funcs.call</c> from Lua).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public LuaInvoker? InvokeLua { get; init; }

    /// <summary>The awaiting Lua binder (<c>funcs.async</c>), for functions whose guests may wait on a fiber (through the component model, or planned with imports that can wait).</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public LuaAsyncInvoker? InvokeLuaAsync { get; init; }
}
