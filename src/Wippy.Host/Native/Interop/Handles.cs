using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

/// <summary>Owns a <c>wasm_engine_t*</c>; released with <c>wasm_engine_delete</c>.</summary>
internal sealed class WasmtimeEngineHandle : SafeHandle
{
    public WasmtimeEngineHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        WasmtimeApi.wasm_engine_delete(handle);
        return true;
    }
}

/// <summary>Owns a <c>wasmtime_module_t*</c>; released with <c>wasmtime_module_delete</c>.</summary>
internal sealed class WasmtimeModuleHandle : SafeHandle
{
    public WasmtimeModuleHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        WasmtimeApi.wasmtime_module_delete(handle);
        return true;
    }
}

/// <summary>Owns a <c>wasmtime_store_t*</c>; released with <c>wasmtime_store_delete</c>.</summary>
internal sealed class WasmtimeStoreHandle : SafeHandle
{
    public WasmtimeStoreHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        WasmtimeApi.wasmtime_store_delete(handle);
        return true;
    }
}
