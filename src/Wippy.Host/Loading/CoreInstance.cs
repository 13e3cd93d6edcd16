using Wippy.Host.Native;

namespace Wippy.Host.Loading;

/// <summary>
/// One instantiation of a function's core module in a store of its own: the export to call, and the
/// <c>memory</c>, <c>cabi_realloc</c> and <c>cabi_post_&lt;export&gt;</c> exports the Canonical ABI needs.
/// Used by one call at a time; discarded after a trap or any failed call.
/// </summary>
internal sealed class CoreInstance : IDisposable
{
    private CoreInstance(WasmStore store, WasmFunction export, WasmMemory? memory, WasmFunction? realloc, WasmFunction? postReturn)
    {
        Store = store;
        Export = export;
        Memory = memory;
        Realloc = realloc;
        PostReturn = postReturn;
    }

    public WasmStore Store { get; }

    public WasmFunction Export { get; }

    public WasmMemory? Memory { get; }

    public WasmFunction? Realloc { get; }

    public WasmFunction? PostReturn { get; }

    /// <summary>Instantiates <paramref name="module"/> in a new store and resolves the exports a call needs.</summary>
    /// <exception cref="WasmtimeException">Instantiation failed (e.g. the start function trapped).</exception>
    public static CoreInstance Create(WasmEngine engine, WasmModule module, string export)
    {
        var store = new WasmStore(engine);
        try
        {
            var instance = WasmInstance.Instantiate(store, module);
            if (!instance.TryGetFunction(export, out var function))
            {
                throw new InvalidOperationException($"the module exports no function '{export}'");
            }
            WasmMemory? memory = instance.TryGetMemory("memory", out var m) ? m : null;
            WasmFunction? realloc = instance.TryGetFunction("cabi_realloc", out var r) ? r : null;
            WasmFunction? post = instance.TryGetFunction("cabi_post_" + export, out var p) ? p : null;
            return new CoreInstance(store, function, memory, realloc, post);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public void Dispose() => Store.Dispose();
}
