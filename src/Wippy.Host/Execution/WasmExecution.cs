namespace Wippy.Host.Execution;

/// <summary>
/// How a loaded WebAssembly function runs: the seam between a <see cref="WasmFunctionHandle"/> (what proxies,
/// triggers and Lua hold) and the way its guest is instantiated and called. Each way is one implementation:
/// <see cref="CoreModuleExecution"/> (a core module, or a component's core module called directly) and
/// <see cref="ComponentModelExecution"/> (a component through Wasmtime's component model). A new way of running a
/// guest (async calls on Wasmtime's fibers, a process with a mailbox, an HTTP handler) is a new subclass with its own
/// call type for generated code, chosen by <see cref="Loading.WasmFunctionLoader"/>; the handle, the runtime and the
/// triggers do not change.
/// </summary>
internal abstract class WasmExecution : IDisposable
{
    /// <summary>How the guest runs, for messages: "a core module", "a component through the component model".</summary>
    public abstract string Mode { get; }

    /// <summary>Calls running now.</summary>
    public abstract int Busy { get; }

    /// <summary>Callers waiting for an instance now.</summary>
    public abstract int Queued { get; }

    /// <summary>Callers waiting for room in a full queue (static pools) now.</summary>
    public abstract int WaitingForRoom { get; }

    /// <summary>Warm instances waiting for a call now.</summary>
    public abstract int Idle { get; }

    /// <summary>Creates up to <paramref name="count"/> instances ahead of the first call (<c>warm_start</c>).</summary>
    public abstract void Warm(int count);

    /// <summary>Retires instances idle for <paramref name="idleTimeout"/> or more; returns how many.</summary>
    public abstract int Retire(TimeSpan idleTimeout);

    /// <summary>Stops the instances (waiting callers fail with Unavailable) and frees the compiled code.</summary>
    public abstract void Dispose();
}
