using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasmtime/store.h.
internal static unsafe partial class WasmtimeApi
{
    /// <summary><paramref name="finalizer"/> (<c>void (*)(void*)</c>, may be 0) runs with <paramref name="data"/> when the store is deleted.</summary>
    [LibraryImport(Library)]
    public static partial WasmtimeStoreHandle wasmtime_store_new(WasmtimeEngineHandle engine, nint data, delegate* unmanaged<nint, void> finalizer);

    /// <summary>The <c>data</c> the store was created with. Reads a field: no GC transition needed.</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial nint wasmtime_context_get_data(nint context);

    /// <summary>The store's context; valid as long as the store lives.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_store_context(WasmtimeStoreHandle store);

    [LibraryImport(Library)]
    public static partial void wasmtime_store_delete(nint store);

    /// <summary>Sets a field of the store: no guest code runs, so no GC transition is needed (it is on every call's path).</summary>
    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial void wasmtime_context_set_epoch_deadline(nint context, ulong ticksBeyondCurrent);

    /// <summary>Limits a store's resources; -1 keeps Wasmtime's default (unlimited) for that resource.</summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_store_limiter(WasmtimeStoreHandle store, long memorySize, long tableElements, long instances, long tables, long memories);

    /// <summary>
    /// Called when running wasm reaches its epoch deadline: return an error to stop it, or set the delta (and kind 0,
    /// continue) and return 0 to run on. The finalizer runs when the store is deleted.
    /// </summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_store_epoch_deadline_callback(
        WasmtimeStoreHandle store,
        delegate* unmanaged<nint, nint, ulong*, byte*, nint> callback,
        nint data,
        delegate* unmanaged<nint, void> finalizer);

    /// <summary>A new error with a NUL-terminated message; owned by the caller (or by Wasmtime once returned from a callback).</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_error_new(byte* message);

    [LibraryImport(Library)]
    public static partial nint wasmtime_context_set_fuel(nint context, ulong fuel);

    [LibraryImport(Library)]
    public static partial nint wasmtime_context_get_fuel(nint context, ulong* fuel);
}
