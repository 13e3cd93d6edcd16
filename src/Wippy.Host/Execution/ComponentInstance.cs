using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Execution;

/// <summary>One instance of a <see cref="ComponentProgram"/> in its own store, with the entry's function resolved.</summary>
internal sealed class ComponentInstance : GuestInstance
{
    private ComponentInstance(WasmStore store, WasmInterruptWatch? watch, Wasi.GuestWasiState? wasi, WasmComponentFunction function, bool onFibers)
        : base(store, watch, wasi)
    {
        Function = function;
        OnFibers = onFibers;
    }

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
            return new ComponentInstance(store, watch, state, function, onFibers);
        }
        catch (Exception e)
        {
            store.Dispose();
            GuestStartInterruptedException.ThrowIfInterrupted(watch, e);
            throw;
        }
    }
}
