using System.Runtime.InteropServices;
using Wippy.Host.GeneratedCode;

namespace Wippy.Host.Native.Components;

// The async part of the C API (async.h, and the *_async functions of component/linker.h and component/func.h). A call
// made this way runs the guest on a fiber (a separate stack Wasmtime allocates); wasmtime_call_future_poll runs it
// until it finishes or an async host function says it must wait, and returns false then. Everything a future borrows
// (function, arguments, result slots, the out-pointers) must stay put until wasmtime_call_future_delete.
internal static unsafe partial class ComponentApi
{
    /// <summary>
    /// Starts an async call (nothing runs until the first <see cref="wasmtime_call_future_poll"/>). Returns the future
    /// (owned: <see cref="wasmtime_call_future_delete"/>); on failure to call, <paramref name="errorRet"/> is set once the
    /// future completes.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_func_call_async(
        WasmtimeComponentFunc* func, nint context, ComponentVal* args, nuint argsSize, ComponentVal* results, nuint resultsSize, nint* errorRet);

    /// <summary>Starts instantiating <paramref name="component"/> in an async store; a future as for calls.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_instantiate_async(
        WasmtimeComponentLinkerHandle linker, nint context, WasmtimeComponentHandle component, WasmtimeComponentInstance* instanceOut, nint* errorRet);

    /// <summary>
    /// Defines a host function that may wait. <paramref name="callback"/> is a
    /// <c>wasmtime_component_func_async_callback_t</c>: <c>void (*)(void* env, wasmtime_context_t*,
    /// const wasmtime_component_func_type_t*, wasmtime_component_val_t* args, size_t, wasmtime_component_val_t* results,
    /// size_t, wasmtime_error_t** error_ret, wasmtime_async_continuation_t* continuation_ret)</c>. It must set the
    /// continuation (or the error); Wasmtime polls the continuation until it returns true, then reads the result slots.
    /// Any store that instantiates a component using such a function must be called only through the async functions.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_instance_add_func_async(
        nint linkerInstance,
        byte* name,
        nuint nameLength,
        delegate* unmanaged<nint, nint, nint, ComponentVal*, nuint, ComponentVal*, nuint, nint*, AsyncContinuation*, void> callback,
        nint data,
        delegate* unmanaged<nint, void> finalizer);

    /// <summary>Runs the future's guest code until it completes (true) or must wait (false). Not again after true.</summary>
    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_call_future_poll(nint future);

    /// <summary>
    /// Frees a future. One that has not completed is cancelled: Wasmtime resumes its fiber with an error so the guest
    /// unwinds (the store's instance must not be used again).
    /// </summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_call_future_delete(nint future);
}

/// <summary>
/// <c>wasmtime_async_continuation_t</c>: what an async host function returns. Wasmtime calls <see cref="Callback"/>
/// with <see cref="Env"/> each time it polls the host call (true: done, the result slots are filled), and
/// <see cref="Finalizer"/> once when it drops the continuation.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct AsyncContinuation
{
    public delegate* unmanaged<nint, byte> Callback;
    public nint Env;
    public delegate* unmanaged<nint, void> Finalizer;
}
