using System.Runtime.InteropServices;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native.Components;

// Handles and blittable structs of the component C API (x86-64 / LP64). Sizes are checked at run time by
// tests/Wippy.Host.Tests/Native/Components/ComponentLayoutTests.cs (canary bytes after each struct Wasmtime fills).

/// <summary>Owns a <c>wasmtime_component_t*</c>; released with <c>wasmtime_component_delete</c>.</summary>
internal sealed class WasmtimeComponentHandle : SafeHandle
{
    public WasmtimeComponentHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static WasmtimeComponentHandle Own(nint pointer)
    {
        var result = new WasmtimeComponentHandle();
        Marshal.InitHandle(result, pointer);
        return result;
    }

    protected override bool ReleaseHandle()
    {
        ComponentApi.wasmtime_component_delete(handle);
        return true;
    }
}

/// <summary>Owns a <c>wasmtime_component_linker_t*</c>; released with <c>wasmtime_component_linker_delete</c>.</summary>
internal sealed class WasmtimeComponentLinkerHandle : SafeHandle
{
    public WasmtimeComponentLinkerHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static WasmtimeComponentLinkerHandle Own(nint pointer)
    {
        var result = new WasmtimeComponentLinkerHandle();
        Marshal.InitHandle(result, pointer);
        return result;
    }

    protected override bool ReleaseHandle()
    {
        ComponentApi.wasmtime_component_linker_delete(handle);
        return true;
    }
}

/// <summary>Owns a <c>wasmtime_component_export_index_t*</c>; released with <c>wasmtime_component_export_index_delete</c>.</summary>
internal sealed class WasmtimeComponentExportIndexHandle : SafeHandle
{
    public WasmtimeComponentExportIndexHandle()
        : base(0, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == 0;

    public static WasmtimeComponentExportIndexHandle Own(nint pointer)
    {
        var result = new WasmtimeComponentExportIndexHandle();
        Marshal.InitHandle(result, pointer);
        return result;
    }

    protected override bool ReleaseHandle()
    {
        ComponentApi.wasmtime_component_export_index_delete(handle);
        return true;
    }
}

/// <summary><c>wasmtime_component_instance_t</c>: <c>{ uint64_t store_id; uint32_t __private; }</c>, 16 bytes, align 8.</summary>
[StructLayout(LayoutKind.Sequential, Size = 16)]
internal struct WasmtimeComponentInstance
{
    public ulong StoreId;
    public uint Private;
}

/// <summary>
/// <c>wasmtime_component_func_t</c> as the shipped 50.0.1 library writes it: 32 bytes, align 8. The newest
/// stored header (a 49.0.0-dev tree) declares only
/// <c>{ struct { uint64_t store_id; uint32_t __private1; }; uint32_t __private2; }</c> (24 bytes), but
/// <c>wasmtime_component_instance_get_func</c> in 50.0.1 also writes a pointer-sized field at offset 24
/// (measured with canary bytes: see ComponentLayoutTests). With the 24-byte copy every call crashed the process
/// (SIGSEGV: a null function pointer inside <c>Func::call_unchecked_raw</c>). The type is <c>Copy</c> in Rust
/// (no delete function), so copying all 32 bytes is enough.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct WasmtimeComponentFunc
{
    [FieldOffset(0)] public ulong StoreId;
    [FieldOffset(8)] public uint Private1;
    [FieldOffset(16)] public uint Private2;
    [FieldOffset(24)] public nint Private3;
}

/// <summary>
/// <c>wasmtime_component_valtype_t</c> (component/types/val.h): <c>{ uint8_t kind; union { pointers } of; }</c>,
/// 16 bytes. Owned when filled by Wasmtime: release with <c>wasmtime_component_valtype_delete</c>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 16)]
internal struct WasmtimeComponentValType
{
    [FieldOffset(0)] public byte Kind;
    [FieldOffset(8)] public nint Payload;
}

/// <summary>Turns a <c>wasmtime_error_t*</c> from a component call into a trap or a plain error.</summary>
internal static unsafe class ComponentErrors
{
    /// <summary>Keeps a host function's exception until the call that reports it (<see cref="HostCallFailure"/>).</summary>
    public static void SetHostException(Exception exception) => HostCallFailure.Set(exception);

    /// <summary>Reads and frees <paramref name="error"/>: <see cref="WasmTrapException"/> when it carries a trap code.</summary>
    public static WasmtimeException FromError(nint error)
    {
        Exception? inner = HostCallFailure.Take();
        byte code;
        if (ComponentApi.wasmtime_error_trap_code(error, &code))
        {
            WasmtimeException asError = NativeErrors.FromError(error);
            return new WasmTrapException(asError.Message, (WasmTrapCode)code);
        }

        WasmtimeException result = NativeErrors.FromError(error);
        return inner is null ? result : new WasmtimeException(result.Message, inner);
    }

    public static void ThrowIfError(nint error)
    {
        if (error != 0)
        {
            throw FromError(error);
        }
    }
}
