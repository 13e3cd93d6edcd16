using System.Diagnostics.CodeAnalysis;

namespace Wippy.Host.Native.Interop;

/// <summary>
/// Turns the owned <c>wasmtime_error_t*</c> and <c>wasm_trap_t*</c> objects the C API hands back into
/// exceptions, freeing each native object exactly once.
/// </summary>
internal static unsafe class NativeErrors
{
    /// <summary>Reads and frees a <c>wasmtime_error_t*</c>.</summary>
    public static WasmtimeException FromError(nint error)
    {
        try
        {
            string message = ErrorMessage(error);
            int status;
            int? exitStatus = WasmtimeApi.wasmtime_error_exit_status(error, &status) ? status : null;
            return new WasmtimeException(message, exitStatus);
        }
        finally
        {
            WasmtimeApi.wasmtime_error_delete(error);
        }
    }

    /// <summary>Reads and frees a <c>wasmtime_error_t*</c> from compiling or parsing a module.</summary>
    public static WasmCompileException CompileError(nint error)
    {
        try
        {
            return new WasmCompileException(ErrorMessage(error));
        }
        finally
        {
            WasmtimeApi.wasmtime_error_delete(error);
        }
    }

    /// <summary>Reads and frees a <c>wasm_trap_t*</c>.</summary>
    public static WasmTrapException FromTrap(nint trap)
    {
        try
        {
            var vec = default(WasmByteVec);
            WasmtimeApi.wasm_trap_message(trap, &vec);
            string message;
            try
            {
                message = vec.ToUtf8String();
            }
            finally
            {
                WasmtimeApi.wasm_byte_vec_delete(&vec);
            }

            byte code;
            WasmTrapCode? trapCode = WasmtimeApi.wasmtime_trap_code(trap, &code) ? (WasmTrapCode)code : null;
            return new WasmTrapException(message, trapCode);
        }
        finally
        {
            WasmtimeApi.wasm_trap_delete(trap);
        }
    }

    /// <summary>Throws for a failed call or instantiation: exactly one of the two is non-zero.</summary>
    [DoesNotReturn]
    public static void Throw(nint error, nint trap) => throw Failure(error, trap);

    /// <summary>The exception of a failed call or instantiation (exactly one of the two is non-zero), both freed.</summary>
    public static WasmtimeException Failure(nint error, nint trap)
    {
        if (trap == 0) return FromError(error);
        if (error != 0) WasmtimeApi.wasmtime_error_delete(error);
        return FromTrap(trap);
    }

    /// <summary>Throws and frees <paramref name="error"/> when it is non-zero.</summary>
    public static void ThrowIfError(nint error)
    {
        if (error != 0)
        {
            throw FromError(error);
        }
    }

    private static string ErrorMessage(nint error)
    {
        var vec = default(WasmByteVec);
        WasmtimeApi.wasmtime_error_message(error, &vec);
        try
        {
            return vec.ToUtf8String();
        }
        finally
        {
            WasmtimeApi.wasm_byte_vec_delete(&vec);
        }
    }
}
