using System.Text;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>WebAssembly text (a module's or a component's) turned into its binary with <c>wasmtime_wat2wasm</c>.</summary>
internal static unsafe class WatText
{
    /// <summary>Compiles binary bytes; the span is valid only during the call.</summary>
    internal delegate T BinaryCompiler<T>(ReadOnlySpan<byte> wasm);

    /// <summary>Parses <paramref name="wat"/> and hands the binary to <paramref name="compile"/>.</summary>
    /// <exception cref="WasmCompileException">The text does not parse (with its line and column).</exception>
    public static T Compile<T>(string wat, BinaryCompiler<T> compile)
    {
        ArgumentNullException.ThrowIfNull(wat);
        byte[] utf8 = Encoding.UTF8.GetBytes(wat);
        var wasm = default(WasmByteVec);
        fixed (byte* text = utf8)
        {
            nint error = WasmtimeApi.wasmtime_wat2wasm(text, (nuint)utf8.Length, &wasm);
            if (error != 0)
            {
                throw NativeErrors.CompileError(error);
            }
        }

        try
        {
            return compile(wasm.AsSpan());
        }
        finally
        {
            WasmtimeApi.wasm_byte_vec_delete(&wasm);
        }
    }
}

/// <summary>WebAssembly text format helpers.</summary>
internal static class WasmText
{
    /// <summary>The binary of a module's or a component's text (<c>(module …)</c> or <c>(component …)</c>).</summary>
    /// <param name="wat">The text.</param>
    /// <returns>The binary.</returns>
    /// <exception cref="WasmCompileException">The text does not parse (with its line and column).</exception>
    public static byte[] ToBinary(string wat) => WatText.Compile(wat, wasm => wasm.ToArray());
}
