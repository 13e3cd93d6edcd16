using System.Runtime.InteropServices;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Native.Interop;

// The core-module half of wasmtime/async.h: a core call on a fiber, and core host functions that may wait. Core async
// host functions exist only as linker definitions; wasmtime_linker_get then makes one a function of a given store.
internal static unsafe partial class WasmtimeApi
{
    /// <summary>
    /// Defines a core host function that may wait. <paramref name="callback"/> is a
    /// <c>wasmtime_func_async_callback_t</c>: <c>void (*)(void* env, wasmtime_caller_t*, const wasmtime_val_t* args,
    /// size_t, wasmtime_val_t* results, size_t, wasm_trap_t** trap_ret, wasmtime_async_continuation_t*)</c>. It must
    /// set the continuation (or a trap); Wasmtime polls the continuation until it returns true, then reads the results.
    /// Everything it is given stays valid until then.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_linker_define_async_func(
        nint linker, byte* module, nuint moduleLength, byte* name, nuint nameLength, nint type,
        delegate* unmanaged<nint, nint, WasmtimeVal*, nuint, WasmtimeVal*, nuint, nint*, AsyncContinuation*, void> callback,
        nint data, delegate* unmanaged<nint, void> finalizer);

    /// <summary>The linker's definition module/name as an item of the store (a host function defined in the linker becomes one of the store's).</summary>
    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_linker_get(nint linker, nint context, byte* module, nuint moduleLength, byte* name, nuint nameLength, WasmtimeExtern* item);

    /// <summary>
    /// Starts a core call on a fiber (nothing runs until the first <c>wasmtime_call_future_poll</c>). Everything passed
    /// must stay put until the future is deleted; a trap or an error is set once the future completes.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_func_call_async(
        nint context, WasmtimeFunc* func, WasmtimeVal* args, nuint argsLength, WasmtimeVal* results, nuint resultsLength, nint* trap, nint* error);
}
