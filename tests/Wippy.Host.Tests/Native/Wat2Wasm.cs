using Wippy.Host.Native;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Tests.Native;

/// <summary>Test helper: WAT text to binary through Wasmtime's own <c>wasmtime_wat2wasm</c>.</summary>
internal static unsafe class Wat2Wasm
{
    public static byte[] Convert(string wat)
    {
        byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(wat);
        var vec = default(WasmByteVec);
        fixed (byte* text = utf8)
        {
            nint error = WasmtimeApi.wasmtime_wat2wasm(text, (nuint)utf8.Length, &vec);
            if (error != 0)
            {
                throw NativeErrors.CompileError(error);
            }
        }

        try
        {
            return vec.AsSpan().ToArray();
        }
        finally
        {
            WasmtimeApi.wasm_byte_vec_delete(&vec);
        }
    }
}
