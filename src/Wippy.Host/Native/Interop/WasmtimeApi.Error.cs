using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasmtime/error.h, wasmtime/trap.h, wasm.h (wasm_trap_*).
internal static unsafe partial class WasmtimeApi
{
    [LibraryImport(Library)]
    public static partial void wasmtime_error_delete(nint error);

    /// <summary>Fills <paramref name="message"/> (owned, not NUL-terminated); free it with <see cref="wasm_byte_vec_delete"/>.</summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_error_message(nint error, WasmByteVec* message);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_error_exit_status(nint error, int* status);

    [LibraryImport(Library)]
    public static partial void wasm_trap_delete(nint trap);

    /// <summary>Fills <paramref name="message"/> (owned, NUL-terminated); free it with <see cref="wasm_byte_vec_delete"/>.</summary>
    [LibraryImport(Library)]
    public static partial void wasm_trap_message(nint trap, WasmByteVec* message);

    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasmtime_trap_code(nint trap, byte* code);
}
