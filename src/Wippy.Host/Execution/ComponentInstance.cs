using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Execution;

/// <summary>One instance of a <see cref="ComponentProgram"/> in its own store, with the entry's function resolved.</summary>
internal sealed class ComponentInstance : IGuestInstance
{
    private ComponentInstance(WasmStore store, WasmInterruptWatch? watch, Wasi.GuestWasiState? wasi, WasmComponentFunction function)
    {
        Store = store;
        Watch = watch;
        Wasi = wasi;
        Function = function;
    }

    public Wasi.GuestWasiState? Wasi { get; }

    public WasmStore Store { get; }

    /// <summary>Stops the store's wasm at a call's time limit or cancellation; null when the engine has no epochs.</summary>
    public WasmInterruptWatch? Watch { get; }

    public WasmComponentFunction Function { get; }

    public static ComponentInstance Create(WasmEngine engine, ComponentProgram program, Registry.LimitSettings limits, Wasi.GuestWasi? wasi)
    {
        var (store, watch, state) = GuestStore.Create(engine, limits, program.Wasi, wasi);
        try
        {
            var instance = program.Linker.Instantiate(store, program.Component);
            if (!instance.TryGetFunction(program.FunctionKey, out var function))
            {
                throw new InvalidOperationException($"the component exports no function '{program.FunctionKey}'");
            }
            return new ComponentInstance(store, watch, state, function);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    WasmStore IGuestInstance.GuestStore => Store;

    WasmInterruptWatch? IGuestInstance.GuestWatch => Watch;

    public void Dispose() => Store.Dispose();
}
