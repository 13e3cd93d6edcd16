using System.Runtime.InteropServices;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native.Components;

/// <summary>
/// P/Invoke declarations for the component-model part of the Wasmtime C API
/// (<c>crates/c-api/include/wasmtime/component/*.h</c>). Same rules as <see cref="WasmtimeApi"/>: blittable
/// signatures only, names exactly as in C, opaque pointers as <see cref="nint"/>, "own" results freed with the
/// matching <c>*_delete</c>. Every symbol was checked with <c>nm -D</c> against the <c>libwasmtime.so</c> of the
/// Wasmtime 50.0.1 package.
/// </summary>
internal static unsafe partial class ComponentApi
{
    private const string Library = WasmtimeApi.Library;

    static ComponentApi() => EmbeddedNativeLibraries.EnsureResolver();

    // component.h

    [LibraryImport(Library)]
    public static partial nint wasmtime_component_new(WasmtimeEngineHandle engine, byte* buf, nuint len, nint* componentOut);

    [LibraryImport(Library)]
    public static partial nint wasmtime_component_serialize(WasmtimeComponentHandle component, WasmByteVec* result);

    [LibraryImport(Library)]
    public static partial nint wasmtime_component_deserialize(WasmtimeEngineHandle engine, byte* buf, nuint len, nint* componentOut);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_delete(nint component);

    /// <summary>A new handle to the same compiled component (its code is shared, not copied).</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_clone(WasmtimeComponentHandle component);

    /// <summary>Owned result (or 0 when not found): free with <see cref="wasmtime_component_export_index_delete"/>.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_get_export_index(
        WasmtimeComponentHandle component, nint instanceExportIndex, byte* name, nuint nameLength);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_export_index_delete(nint exportIndex);

    // linker.h

    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_new(WasmtimeEngineHandle engine);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_linker_delete(nint linker);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_linker_allow_shadowing(
        WasmtimeComponentLinkerHandle linker, [MarshalAs(UnmanagedType.U1)] bool allow);

    /// <summary>Takes exclusive access to the linker until the result is passed to <see cref="wasmtime_component_linker_instance_delete"/>.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_root(WasmtimeComponentLinkerHandle linker);

    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_instantiate(
        WasmtimeComponentLinkerHandle linker, nint context, WasmtimeComponentHandle component, WasmtimeComponentInstance* instanceOut);

    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_define_unknown_imports_as_traps(
        WasmtimeComponentLinkerHandle linker, WasmtimeComponentHandle component);

    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_add_wasip2(WasmtimeComponentLinkerHandle linker);

    /// <summary>Adds wasi:http's types and outgoing handler (nothing to serve an incoming request).</summary>
    [LibraryImport(WasmtimeApi.Library)]
    public static partial nint wasmtime_component_linker_add_wasi_http(WasmtimeComponentLinkerHandle linker);

    /// <summary>Takes exclusive access to <paramref name="linkerInstance"/> until <paramref name="linkerInstanceOut"/> is deleted.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_instance_add_instance(
        nint linkerInstance, byte* name, nuint nameLength, nint* linkerInstanceOut);

    /// <summary>
    /// <paramref name="callback"/> is a <c>wasmtime_component_func_callback_t</c>:
    /// <c>wasmtime_error_t* (*)(void* env, wasmtime_context_t*, const wasmtime_component_func_type_t*,
    /// wasmtime_component_val_t* args, size_t, wasmtime_component_val_t* results, size_t)</c>.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_instance_add_func(
        nint linkerInstance,
        byte* name,
        nuint nameLength,
        delegate* unmanaged<nint, nint, nint, ComponentVal*, nuint, ComponentVal*, nuint, nint> callback,
        nint data,
        delegate* unmanaged<nint, void> finalizer);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_linker_instance_delete(nint linkerInstance);

    /// <summary>
    /// Defines a resource type the guest may import. <paramref name="destructor"/> is a
    /// <c>wasmtime_component_resource_destructor_t</c>: <c>wasmtime_error_t* (*)(void* data, wasmtime_context_t*, uint32_t rep)</c>,
    /// called when the guest drops an owned handle; <paramref name="finalizer"/> frees <paramref name="data"/> with the linker.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_linker_instance_add_resource(
        nint linkerInstance,
        byte* name,
        nuint nameLength,
        nint resourceType,
        delegate* unmanaged<nint, nint, uint, nint> destructor,
        nint data,
        delegate* unmanaged<nint, void> finalizer);

    // types/resource.h and the resource part of val.h

    /// <summary>The type of host resources tagged <paramref name="type"/> (owned: free with <see cref="wasmtime_component_resource_type_delete"/>).</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_resource_type_new_host(uint type);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_resource_type_delete(nint resourceType);

    /// <summary>A host resource handle (owned: free with <see cref="wasmtime_component_resource_host_delete"/>).</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_resource_host_new([MarshalAs(UnmanagedType.U1)] bool owned, uint rep, uint type);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial uint wasmtime_component_resource_host_rep(nint resource);

    [LibraryImport(Library)]
    [SuppressGCTransition]
    public static partial uint wasmtime_component_resource_host_type(nint resource);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_resource_host_delete(nint resource);

    /// <summary>
    /// Reads a resource value the guest passed as a host resource (fails when it is a resource of another kind, e.g.
    /// one the guest defines). For an owned handle this takes the ownership over to the host.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_resource_any_to_host(nint context, nint resourceAny, nint* hostOut);

    /// <summary>Makes a resource value of a host resource, to return to the guest (owned: a result slot takes it).</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_resource_host_to_any(nint context, nint resourceHost, nint* anyOut);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_resource_any_delete(nint resourceAny);

    /// <summary>A second handle to the same resource (owned: free with <see cref="wasmtime_component_resource_any_delete"/>); drop the resource once, delete every handle.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_resource_any_clone(nint resourceAny);

    /// <summary>Whether the resource value is an <c>own</c> (false: a <c>borrow</c>).</summary>
    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_resource_any_owned(nint resourceAny);

    /// <summary>
    /// Ends the resource in its store, once per resource: for a resource the guest defines, this runs the guest's
    /// destructor (wasm code: no [SuppressGCTransition]). The handle's host memory still needs <see cref="wasmtime_component_resource_any_delete"/>.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_resource_any_drop(nint context, nint resourceAny);

    // instance.h

    /// <summary>Owned result (or 0 when not found): free with <see cref="wasmtime_component_export_index_delete"/>.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_instance_get_export_index(
        WasmtimeComponentInstance* instance, nint context, nint instanceExportIndex, byte* name, nuint nameLength);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_instance_get_func(
        WasmtimeComponentInstance* instance, nint context, nint exportIndex, WasmtimeComponentFunc* funcOut);

    // func.h. No [SuppressGCTransition]: guest code runs inside the call.

    /// <summary>
    /// Arguments are borrowed (read, never freed). Each result slot is overwritten with a Wasmtime-owned value
    /// by Rust assignment, which first drops the slot's old value: the slots must hold valid values that own
    /// nothing (all-zero bytes, <c>bool false</c>, will do).
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_func_call(
        WasmtimeComponentFunc* func, nint context, ComponentVal* args, nuint argsSize, ComponentVal* results, nuint resultsSize);

    /// <summary>Owned result: free with <see cref="wasmtime_component_func_type_delete"/>.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_component_func_type(WasmtimeComponentFunc* func, nint context);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_func_type_delete(nint type);

    [LibraryImport(Library)]
    public static partial nuint wasmtime_component_func_type_param_count(nint type);

    /// <summary>Fills <paramref name="typeRet"/> (owned: free with <see cref="wasmtime_component_valtype_delete"/>) when the function has a result.</summary>
    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_component_func_type_result(nint type, WasmtimeComponentValType* typeRet);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_valtype_delete(WasmtimeComponentValType* type);

    // val.h

    /// <summary>Drops what <paramref name="value"/> owns (not the slot itself); the slot is left dangling.</summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_component_val_delete(ComponentVal* value);

    /// <summary>Moves <paramref name="value"/> into a new heap slot (freed with its owner).</summary>
    [LibraryImport(Library)]
    public static partial ComponentVal* wasmtime_component_val_new(ComponentVal* value);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_vallist_new_uninit(WasmByteVec* result, nuint size);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_valtuple_new_uninit(WasmByteVec* result, nuint size);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_valrecord_new_uninit(WasmByteVec* result, nuint size);

    [LibraryImport(Library)]
    public static partial void wasmtime_component_valflags_new_uninit(WasmByteVec* result, nuint size);

    // wasm.h / error.h helpers used by host functions.

    [LibraryImport(Library)]
    public static partial void wasm_byte_vec_new_uninitialized(WasmByteVec* result, nuint size);

    /// <summary>Copies the NUL-terminated message; owned result.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_error_new(byte* message);

    /// <summary>
    /// <c>wasmtime_trap_code</c> on a <c>wasmtime_error_t*</c>. Sound because both C types are
    /// <c>#[repr(C)] struct { error: wasmtime::Error }</c> in crates/c-api (error.rs, trap.rs): the function
    /// only downcasts the inner error to <c>Trap</c>, returning false when it is not one.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "wasmtime_trap_code")]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_error_trap_code(nint error, byte* code);
}
