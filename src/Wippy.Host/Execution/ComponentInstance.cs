using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Execution;

/// <summary>One instance of a <see cref="ComponentProgram"/> in its own store, with the entry's function resolved.</summary>
internal sealed class ComponentInstance : GuestInstance
{
    private readonly WasmComponentInstance _native;
    private Dictionary<string, WasmComponentFunction>? _others;

    private ComponentInstance(WasmStore store, WasmInterruptWatch? watch, Wasi.GuestWasiState? wasi, WasmComponentInstance native, WasmComponentFunction function, bool onFibers)
        : base(store, watch, wasi)
    {
        _native = native;
        Function = function;
        OnFibers = onFibers;
    }

    /// <summary>
    /// Another exported function of the instance (<c>iface#func</c>, e.g. a method of a resource the guest exports:
    /// <c>wippy:counter/counters#[method]counter.get</c>), resolved on first use; null when there is none.
    /// </summary>
    public WasmComponentFunction? Export(string key)
    {
        if (_others?.TryGetValue(key, out var known) == true) return known;
        if (!_native.TryGetFunction(key, out var function)) return null;
        (_others ??= new Dictionary<string, WasmComponentFunction>(StringComparer.Ordinal))[key] = function;
        return function;
    }

    /// <summary>Set while the host keeps resources this instance made: the instance is theirs then, not its pool's.</summary>
    public ResourceLease? Lease { get; set; }

    /// <summary>Why the instance must not be kept warm after all, though its calls completed (null: it may).</summary>
    public string? ReplaceReason { get; set; }

    /// <summary>The entry's function, resolved once.</summary>
    public WasmComponentFunction Function { get; }

    /// <summary>Whether calls run on fibers (<see cref="FiberCalls"/>): the component imports functions that wait.</summary>
    public bool OnFibers { get; }

    public static ComponentInstance Create(WasmEngine engine, ComponentProgram program, string entryId, Registry.LimitSettings limits, Wasi.GuestWasi? wasi)
    {
        var (store, watch, state) = GuestStore.Create(engine, entryId, limits, program.Wasi, wasi);
        try
        {
            var onFibers = program.Wasi.HasFlag(Host.Wasi.WasiLinking.Needs.Fibers);
            var instance = onFibers
                ? FiberCalls.Instantiate(program.Linker, store, program.Component, watch)
                : program.Linker.Instantiate(store, program.Component);
            if (!instance.TryGetFunction(program.FunctionKey, out var function))
            {
                throw new InvalidOperationException($"the component exports no function '{program.FunctionKey}'");
            }
            return new ComponentInstance(store, watch, state, instance, function, onFibers);
        }
        catch (Exception e)
        {
            store.Dispose();
            GuestStartInterruptedException.ThrowIfInterrupted(watch, e);
            throw;
        }
    }
}
