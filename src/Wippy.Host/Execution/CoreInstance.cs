using Wippy.Host.Native;
using Wippy.Host.Wasi;

namespace Wippy.Host.Execution;

/// <summary>
/// One instantiation of a function's core module in a store of its own: the export to call, and the
/// <c>memory</c>, <c>cabi_realloc</c> and <c>cabi_post_&lt;export&gt;</c> exports the Canonical ABI needs.
/// Used by one call at a time; discarded after a trap or any failed call. Plain fields with flags (not
/// nullable structs) because every call reads them.
/// </summary>
internal sealed class CoreInstance : GuestInstance
{
    public readonly WasmFunction Export;
    public readonly WasmMemory Memory;
    public readonly WasmFunction Realloc;
    public readonly WasmFunction PostReturn;
    public readonly bool HasMemory;
    public readonly bool HasRealloc;
    public readonly bool HasPostReturn;

    /// <summary>
    /// The store's host state, for the view a lowered WASI function of a planned component reads through
    /// (<see cref="WasiHost.Core.CoreWasiImport"/>); null otherwise.
    /// </summary>
    public HostInterfaces.HostState? Host { get; init; }

    /// <summary>
    /// The store's fiber state when the instance is a planned component whose imports may wait: its calls are then
    /// polled through futures (<see cref="GeneratedCode.CoreCall.Invoke"/>); null otherwise.
    /// </summary>
    public CoreFibers? Fibers { get; init; }

    /// <summary>The exported memories and tables, whose sizes decide whether the instance is kept warm.</summary>
    public readonly Native.Interop.WasmtimeExtern[] Storage;

    /// <summary>
    /// An instance whose exports come from several core instances in one store (a planned component: the lifted
    /// function, its memory, <c>cabi_realloc</c> and post-return each an export of the instance the component names),
    /// or the view a lowered import reads and writes through (its own memory and realloc options, no export).
    /// </summary>
    internal CoreInstance(WasmStore store, WasmInterruptWatch? watch, GuestWasiState? wasi, WasmFunction export,
        WasmMemory? memory, WasmFunction? realloc, WasmFunction? postReturn, Native.Interop.WasmtimeExtern[] storage)
        : base(store, watch, wasi)
    {
        Export = export;
        HasMemory = memory is not null;
        Memory = memory.GetValueOrDefault();
        HasRealloc = realloc is not null;
        Realloc = realloc.GetValueOrDefault();
        HasPostReturn = postReturn is not null;
        PostReturn = postReturn.GetValueOrDefault();
        Storage = storage;
    }

    /// <summary>The bytes the exported memories and tables hold now.</summary>
    public ulong StorageBytes() => WasmInstance.StorageBytes(Store, Storage);

    /// <summary>The name of the function the Canonical ABI calls after <paramref name="export"/> returns, to free its results.</summary>
    public static string PostReturnName(string export) => "cabi_post_" + export;

    /// <summary>Instantiates <paramref name="module"/> in a new store and resolves the exports a call needs.</summary>
    /// <exception cref="WasmtimeException">Instantiation failed (e.g. the start function trapped).</exception>
    public static CoreInstance Create(WasmEngine engine, WasmModule module, string export, Registry.LimitSettings limits) =>
        Create(engine, null, module, export, PostReturnName(export), limits, WasiLinking.Needs.None, null);

    /// <summary>
    /// An instance made from the entry's pre-linked template (no linking per instance); <paramref name="postReturn"/> is
    /// <see cref="PostReturnName"/> of <paramref name="export"/>, made once by the caller.
    /// </summary>
    public static CoreInstance Create(WasmEngine engine, WasmInstancePre template, string export, string postReturn, Registry.LimitSettings limits, WasiLinking.Needs needs, GuestWasi? wasi) =>
        Create(engine, template, null, export, postReturn, limits, needs, wasi);

    // From the template when there is one, else from the module (no delegate: this runs for every fresh instance).
    private static CoreInstance Create(WasmEngine engine, WasmInstancePre? template, WasmModule? module, string export, string postReturn,
        Registry.LimitSettings limits, WasiLinking.Needs needs, GuestWasi? wasi)
    {
        var (store, watch, state) = GuestStore.Create(engine, entryId: null, limits, needs, wasi); // core modules get Wasmtime's preview1, never the host's interfaces
        try
        {
            var instance = template is not null ? template.Instantiate(store) : WasmInstance.Instantiate(store, module!);
            // A WASI reactor (clang -mexec-model=reactor) must run its initializer before any other export.
            if (instance.TryGetFunction("_initialize", out var initialize) && initialize.SlotCount == 0) initialize.CallUnchecked([]);
            if (!instance.TryGetFunction(export, out var function))
            {
                throw new InvalidOperationException($"the module exports no function '{export}'");
            }
            return new CoreInstance(store, watch, state, function,
                instance.TryGetMemory("memory", out var memory) ? memory : null,
                instance.TryGetFunction("cabi_realloc", out var realloc) ? realloc : null,
                instance.TryGetFunction(postReturn, out var post) ? post : null,
                instance.ExportedStorage());
        }
        catch (Exception e)
        {
            store.Dispose();
            GuestStartInterruptedException.ThrowIfInterrupted(watch, e);
            throw;
        }
    }
}
