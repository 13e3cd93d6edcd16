using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasm.h (import/export/extern/func types), wasmtime/types/val.h.
// Note: wasm_valtype_kind aborts the process for v128 and for reference types other than nullable
// funcref/externref, so value types are read through wasmtime_valtype_new instead.
internal static unsafe partial class WasmtimeApi
{
    [LibraryImport(Library)]
    public static partial void wasm_importtype_vec_delete(WasmPtrVec* vec);

    [LibraryImport(Library)]
    public static partial WasmByteVec* wasm_importtype_module(nint importType);

    [LibraryImport(Library)]
    public static partial WasmByteVec* wasm_importtype_name(nint importType);

    [LibraryImport(Library)]
    public static partial nint wasm_importtype_type(nint importType);

    [LibraryImport(Library)]
    public static partial void wasm_exporttype_vec_delete(WasmPtrVec* vec);

    [LibraryImport(Library)]
    public static partial WasmByteVec* wasm_exporttype_name(nint exportType);

    [LibraryImport(Library)]
    public static partial nint wasm_exporttype_type(nint exportType);

    /// <summary>WASM_EXTERN_FUNC 0, GLOBAL 1, TABLE 2, MEMORY 3, TAG 4.</summary>
    [LibraryImport(Library)]
    public static partial byte wasm_externtype_kind(nint externType);

    [LibraryImport(Library)]
    public static partial nint wasm_externtype_as_functype_const(nint externType);

    [LibraryImport(Library)]
    public static partial void wasm_functype_delete(nint funcType);

    [LibraryImport(Library)]
    public static partial WasmPtrVec* wasm_functype_params(nint funcType);

    [LibraryImport(Library)]
    public static partial WasmPtrVec* wasm_functype_results(nint funcType);

    [LibraryImport(Library)]
    public static partial void wasmtime_valtype_new(nint wasmValType, WasmtimeValType* result);

    [LibraryImport(Library)]
    public static partial void wasmtime_valtype_delete(WasmtimeValType* valType);
}
