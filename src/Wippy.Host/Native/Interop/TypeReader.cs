using Wippy.Host.GeneratedCode;
namespace Wippy.Host.Native.Interop;

/// <summary>Reads import/export/function types out of the C API's type objects into managed descriptions.</summary>
internal static unsafe class TypeReader
{
    /// <summary>Reads <c>wasmtime_module_imports</c>.</summary>
    public static WasmImportInfo[] ReadImports(WasmtimeModuleHandle module)
    {
        var vec = default(WasmPtrVec);
        WasmtimeApi.wasmtime_module_imports(module, &vec);
        try
        {
            var result = new WasmImportInfo[checked((int)vec.Size)];
            for (int i = 0; i < result.Length; i++)
            {
                nint importType = vec.Data[i];
                string moduleName = WasmtimeApi.wasm_importtype_module(importType)->ToUtf8String();
                string name = WasmtimeApi.wasm_importtype_name(importType)->ToUtf8String();
                nint externType = WasmtimeApi.wasm_importtype_type(importType);
                WasmExternKind kind = (WasmExternKind)WasmtimeApi.wasm_externtype_kind(externType);
                result[i] = new WasmImportInfo(moduleName, name, kind, ReadFuncTypeOfExtern(kind, externType));
            }

            return result;
        }
        finally
        {
            WasmtimeApi.wasm_importtype_vec_delete(&vec);
        }
    }

    /// <summary>Reads <c>wasmtime_module_exports</c>.</summary>
    public static WasmExportInfo[] ReadExports(WasmtimeModuleHandle module)
    {
        var vec = default(WasmPtrVec);
        WasmtimeApi.wasmtime_module_exports(module, &vec);
        try
        {
            var result = new WasmExportInfo[checked((int)vec.Size)];
            for (int i = 0; i < result.Length; i++)
            {
                nint exportType = vec.Data[i];
                string name = WasmtimeApi.wasm_exporttype_name(exportType)->ToUtf8String();
                nint externType = WasmtimeApi.wasm_exporttype_type(exportType);
                WasmExternKind kind = (WasmExternKind)WasmtimeApi.wasm_externtype_kind(externType);
                result[i] = new WasmExportInfo(name, kind, ReadFuncTypeOfExtern(kind, externType));
            }

            return result;
        }
        finally
        {
            WasmtimeApi.wasm_exporttype_vec_delete(&vec);
        }
    }

    /// <summary>Reads a borrowed <c>wasm_functype_t*</c> (the caller keeps ownership).</summary>
    public static WasmFuncType ReadFuncType(nint funcType) =>
        new(ReadValTypes(WasmtimeApi.wasm_functype_params(funcType)), ReadValTypes(WasmtimeApi.wasm_functype_results(funcType)));

    private static WasmFuncType? ReadFuncTypeOfExtern(WasmExternKind kind, nint externType)
    {
        if (kind != WasmExternKind.Func)
        {
            return null;
        }

        nint funcType = WasmtimeApi.wasm_externtype_as_functype_const(externType);
        return funcType == 0 ? null : ReadFuncType(funcType);
    }

    private static WasmValKind[] ReadValTypes(WasmPtrVec* vec)
    {
        if (vec->Size == 0)
        {
            return [];
        }

        var result = new WasmValKind[checked((int)vec->Size)];
        for (int i = 0; i < result.Length; i++)
        {
            var valType = default(WasmtimeValType);
            WasmtimeApi.wasmtime_valtype_new(vec->Data[i], &valType);
            try
            {
                result[i] = ToValKind(in valType);
            }
            finally
            {
                WasmtimeApi.wasmtime_valtype_delete(&valType);
            }
        }

        return result;
    }

    private static WasmValKind ToValKind(in WasmtimeValType type) => type.Kind switch
    {
        WasmtimeValType.KindI32 => WasmValKind.I32,
        WasmtimeValType.KindI64 => WasmValKind.I64,
        WasmtimeValType.KindF32 => WasmValKind.F32,
        WasmtimeValType.KindF64 => WasmValKind.F64,
        WasmtimeValType.KindV128 => WasmValKind.V128,
        WasmtimeValType.KindRef => type.HeapKind switch
        {
            WasmtimeValType.HeapExtern => WasmValKind.ExternRef,
            WasmtimeValType.HeapNoExtern => WasmValKind.NullExternRef,
            WasmtimeValType.HeapFunc or WasmtimeValType.HeapConcreteFunc => WasmValKind.FuncRef,
            WasmtimeValType.HeapNoFunc => WasmValKind.NullFuncRef,
            WasmtimeValType.HeapAny => WasmValKind.AnyRef,
            WasmtimeValType.HeapNone => WasmValKind.NullRef,
            WasmtimeValType.HeapEq => WasmValKind.EqRef,
            WasmtimeValType.HeapI31 => WasmValKind.I31Ref,
            WasmtimeValType.HeapArray or WasmtimeValType.HeapConcreteArray => WasmValKind.ArrayRef,
            WasmtimeValType.HeapStruct or WasmtimeValType.HeapConcreteStruct => WasmValKind.StructRef,
            WasmtimeValType.HeapExn or WasmtimeValType.HeapConcreteExn => WasmValKind.ExnRef,
            WasmtimeValType.HeapNoExn => WasmValKind.NullExnRef,
            _ => throw new NotSupportedException($"Unknown Wasmtime heap type kind {type.HeapKind}."),
        },
        _ => throw new NotSupportedException($"Unknown Wasmtime value type kind {type.Kind}."),
    };
}
