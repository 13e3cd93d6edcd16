using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasmtime/instance.h, wasmtime/extern.h.
internal static unsafe partial class WasmtimeApi
{
    [LibraryImport(Library)]
    public static partial nint wasmtime_instance_new(
        nint context, WasmtimeModuleHandle module, WasmtimeExtern* imports, nuint importCount, WasmtimeInstance* instance, nint* trap);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_instance_export_get(
        nint context, WasmtimeInstance* instance, byte* name, nuint nameLength, WasmtimeExtern* item);

    [LibraryImport(Library)]
    public static partial void wasmtime_extern_delete(WasmtimeExtern* item);

    [LibraryImport(Library)]
    public static partial nint wasmtime_linker_new(WasmtimeEngineHandle engine);

    [LibraryImport(Library)]
    public static partial void wasmtime_linker_delete(nint linker);

    /// <summary>Pre-resolves a module's imports against the linker: the template instances are made from.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_linker_instantiate_pre(nint linker, WasmtimeModuleHandle module, nint* instancePre);

    [LibraryImport(Library)]
    public static partial nint wasmtime_instance_pre_instantiate(nint instancePre, nint context, WasmtimeInstance* instance, nint* trap);

    [LibraryImport(Library)]
    public static partial void wasmtime_instance_pre_delete(nint instancePre);

    /// <summary>
    /// A host function in a store (<c>wasmtime_func_new_unchecked</c>): <paramref name="callback"/> gets its arguments,
    /// and leaves its results, in one buffer of raw values; it returns a trap (or 0).
    /// </summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_func_new_unchecked(
        nint context, nint type, delegate* unmanaged<nint, nint, GeneratedCode.ValueRaw*, nuint, nint> callback, nint data,
        delegate* unmanaged<nint, void> finalizer, WasmtimeFunc* func);
}
