using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasmtime/store.h.
internal static unsafe partial class WasmtimeApi
{
    [LibraryImport(Library)]
    public static partial WasmtimeStoreHandle wasmtime_store_new(WasmtimeEngineHandle engine, nint data, nint finalizer);

    /// <summary>The store's context; valid as long as the store lives.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_store_context(WasmtimeStoreHandle store);

    [LibraryImport(Library)]
    public static partial void wasmtime_store_delete(nint store);

    [LibraryImport(Library)]
    public static partial void wasmtime_context_set_epoch_deadline(nint context, ulong ticksBeyondCurrent);

    [LibraryImport(Library)]
    public static partial nint wasmtime_context_set_fuel(nint context, ulong fuel);

    [LibraryImport(Library)]
    public static partial nint wasmtime_context_get_fuel(nint context, ulong* fuel);
}
