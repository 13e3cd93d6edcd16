using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// A module linked once (Wasmtime's <c>InstancePre</c>): every instance is made from this template, with its
/// imports already resolved and type-checked, so creating one is only allocation and start-up code. Thread-safe.
/// </summary>
internal sealed unsafe class WasmInstancePre : IDisposable
{
    private nint _pre;

    private WasmInstancePre(WasmModule module, nint pre)
    {
        Module = module;
        _pre = pre;
    }

    /// <summary>The module instances are made of.</summary>
    public WasmModule Module { get; }

    /// <summary>Links <paramref name="module"/> (which must import nothing: a module with imports gets a linker error naming them).</summary>
    public static WasmInstancePre Create(WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(module);
        using var linker = new WasmCoreLinker(module.Engine);
        return Create(module, linker);
    }

    /// <summary>Pre-links <paramref name="module"/> against <paramref name="linker"/> (which may be disposed afterwards).</summary>
    internal static WasmInstancePre Create(WasmModule module, WasmCoreLinker linker)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(linker);
        nint pre;
        NativeErrors.ThrowIfError(WasmtimeApi.wasmtime_linker_instantiate_pre(linker.Handle, module.Handle, &pre));
        return new WasmInstancePre(module, pre);
    }

    /// <summary>A new instance in <paramref name="store"/> (same engine), running the module's start function.</summary>
    /// <exception cref="WasmTrapException">The start function trapped.</exception>
    /// <exception cref="WasmtimeException">Instantiation failed otherwise (resource limits…).</exception>
    public WasmInstance Instantiate(WasmStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var pre = _pre;
        ObjectDisposedException.ThrowIf(pre == 0, this);
        var instance = default(WasmtimeInstance);
        nint trap = 0;
        nint error = WasmtimeApi.wasmtime_instance_pre_instantiate(pre, store.Context, &instance, &trap);
        if (error != 0 || trap != 0)
        {
            NativeErrors.Throw(error, trap);
        }
        return new WasmInstance(store, Module, instance);
    }

    /// <summary>Deletes the template (instances made from it keep working).</summary>
    public void Dispose()
    {
        var pre = Interlocked.Exchange(ref _pre, 0);
        if (pre != 0) WasmtimeApi.wasmtime_instance_pre_delete(pre);
    }
}
