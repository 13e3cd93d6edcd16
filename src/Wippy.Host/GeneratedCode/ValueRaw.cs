using System.Runtime.InteropServices;

using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

/// <summary>
/// One untyped WebAssembly value slot: the layout of Wasmtime's <c>wasmtime_val_raw_t</c> (a 16-byte union,
/// 8-byte aligned; wasmtime/val.h asserts both). Every field starts at offset 0; which one is meaningful is
/// given by the function's signature. Values are little-endian, as on every platform this host runs on.
/// </summary>
/// <remarks>
/// <c>i32</c>/<c>f32</c> read and write the low 4 bytes; the rest of the slot is ignored by Wasmtime on input.
/// <c>v128</c> uses all 16 bytes (read them through <see cref="MemoryMarshal"/> if needed).
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 16)]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public struct ValueRaw
{
    /// <summary>The slot as an <c>i32</c>.</summary>
    [FieldOffset(0)]
    public int I32;

    /// <summary>The slot as an <c>i64</c>.</summary>
    [FieldOffset(0)]
    public long I64;

    /// <summary>The slot as an <c>f32</c>.</summary>
    [FieldOffset(0)]
    public float F32;

    /// <summary>The slot as an <c>f64</c>.</summary>
    [FieldOffset(0)]
    public double F64;

    /// <summary>The slot as a <c>funcref</c>: Wasmtime's raw function pointer (0 is null), see <c>wasmtime_func_from_raw</c>.</summary>
    [FieldOffset(0)]
    public nint FuncRef;

    /// <summary>The slot as a GC reference (<c>anyref</c>, <c>externref</c>, <c>exnref</c>): a 32-bit raw index, 0 is null.</summary>
    [FieldOffset(0)]
    public uint GcRef;

    /// <summary>A slot holding an <c>i32</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The slot.</returns>
    public static ValueRaw FromI32(int value) => new() { I32 = value };

    /// <summary>A slot holding an <c>i64</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The slot.</returns>
    public static ValueRaw FromI64(long value) => new() { I64 = value };

    /// <summary>A slot holding an <c>f32</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The slot.</returns>
    public static ValueRaw FromF32(float value) => new() { F32 = value };

    /// <summary>A slot holding an <c>f64</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The slot.</returns>
    public static ValueRaw FromF64(double value) => new() { F64 = value };
}
