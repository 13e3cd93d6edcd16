using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasmtime/module.h, wasmtime/wat.h.
internal static unsafe partial class WasmtimeApi
{
    [LibraryImport(Library)]
    public static partial nint wasmtime_wat2wasm(byte* wat, nuint watLength, WasmByteVec* result);

    [LibraryImport(Library)]
    public static partial nint wasmtime_module_new(WasmtimeEngineHandle engine, byte* wasm, nuint wasmLength, nint* module);

    [LibraryImport(Library)]
    public static partial void wasmtime_module_delete(nint module);

    /// <summary>A new handle to the same compiled module (its code is shared, not copied).</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_module_clone(WasmtimeModuleHandle module);

    [LibraryImport(Library)]
    public static partial void wasmtime_module_imports(WasmtimeModuleHandle module, WasmPtrVec* imports);

    [LibraryImport(Library)]
    public static partial void wasmtime_module_exports(WasmtimeModuleHandle module, WasmPtrVec* exports);

    [LibraryImport(Library)]
    public static partial nint wasmtime_module_serialize(WasmtimeModuleHandle module, WasmByteVec* result);

    [LibraryImport(Library)]
    public static partial nint wasmtime_module_deserialize(WasmtimeEngineHandle engine, byte* bytes, nuint length, nint* module);
}
