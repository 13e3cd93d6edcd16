using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// Blittable copies of the C structs that cross the boundary by value. Sizes and offsets are
// those of crates/c-api/include (Wasmtime 48/49, x86-64 / LP64), checked with a C compiler
// (sizeof/offsetof) and at run time by the tests in tests/Wippy.Host.Tests/Native.

/// <summary><c>wasm_byte_vec_t</c> (also <c>wasm_name_t</c>, <c>wasm_message_t</c>): 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct WasmByteVec
{
    public nuint Size;
    public byte* Data;

    /// <summary>Copies the bytes out as a UTF-8 string, dropping one trailing NUL if present.</summary>
    public readonly string ToUtf8String()
    {
        if (Data == null || Size == 0)
        {
            return string.Empty;
        }

        var span = new ReadOnlySpan<byte>(Data, checked((int)Size));
        if (span[^1] == 0)
        {
            span = span[..^1];
        }

        return System.Text.Encoding.UTF8.GetString(span);
    }

    /// <summary>The bytes as a span (valid until the vector is deleted).</summary>
    public readonly ReadOnlySpan<byte> AsSpan() =>
        Data == null ? default : new ReadOnlySpan<byte>(Data, checked((int)Size));
}

/// <summary>
/// A vector of pointers: <c>wasm_importtype_vec_t</c>, <c>wasm_exporttype_vec_t</c>,
/// <c>wasm_valtype_vec_t</c> (<c>{ size_t size; T** data; }</c>): 16 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct WasmPtrVec
{
    public nuint Size;
    public nint* Data;
}

/// <summary><c>wasmtime_func_t</c>: <c>{ uint64_t store_id; void *__private; }</c>, 16 bytes, align 8.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WasmtimeFunc
{
    public ulong StoreId;
    public nint Private;
}

/// <summary>
/// <c>wasmtime_memory_t</c> (same shape as <c>wasmtime_table_t</c>, <c>wasmtime_tag_t</c>):
/// <c>{ struct { uint64_t store_id; uint32_t __private1; }; uint32_t __private2; }</c>. The inner
/// anonymous struct is padded to 16 bytes, so <c>__private2</c> sits at offset 16 and the whole is
/// 24 bytes, align 8 (it mirrors a nested Rust <c>#[repr(C)]</c> struct).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 24)]
internal struct WasmtimeMemory
{
    [FieldOffset(0)] public ulong StoreId;
    [FieldOffset(8)] public uint Private1;
    [FieldOffset(16)] public uint Private2;
}

/// <summary><c>wasmtime_instance_t</c>: <c>{ uint64_t store_id; size_t __private; }</c>, 16 bytes.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct WasmtimeInstance
{
    public ulong StoreId;
    public nuint Private;
}

/// <summary>
/// <c>wasmtime_extern_t</c>: <c>{ uint8_t kind; wasmtime_extern_union_t of; }</c> with the union at
/// offset 8; the union's largest members (global, table, memory, tag) are 24 bytes, so 32 in all.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct WasmtimeExtern
{
    /// <summary>WASMTIME_EXTERN_FUNC 0, GLOBAL 1, TABLE 2, MEMORY 3, SHAREDMEMORY 4, TAG 5.</summary>
    [FieldOffset(0)] public byte Kind;
    [FieldOffset(8)] public WasmtimeFunc Func;
    [FieldOffset(8)] public WasmtimeMemory Memory;

    /// <summary>A <c>wasmtime_table_t</c>, which has the shape of <c>wasmtime_memory_t</c>.</summary>
    [FieldOffset(8)] public WasmtimeMemory Table;

    public const byte KindFunc = 0;
    public const byte KindGlobal = 1;
    public const byte KindTable = 2;
    public const byte KindMemory = 3;
    public const byte KindSharedMemory = 4;
    public const byte KindTag = 5;
}

/// <summary>
/// <c>wasmtime_valtype_t</c> (wasmtime/types/val.h): <c>kind</c> (u8) at 0, then
/// <c>wasmtime_reftype_t { bool nullable; wasmtime_heaptype_t { uint8_t kind; union { ptr } of; } }</c>
/// at 8: nullable at 8, heap-type kind at 16, heap-type payload at 24; 32 bytes. The payload may own a
/// boxed concrete type, so every value filled by <c>wasmtime_valtype_new</c> must be passed to
/// <c>wasmtime_valtype_delete</c>.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct WasmtimeValType
{
    [FieldOffset(0)] public byte Kind;
    [FieldOffset(8)] public byte Nullable;
    [FieldOffset(16)] public byte HeapKind;
    [FieldOffset(24)] public nint HeapPayload;

    // WASMTIME_VALTYPE_KIND_*
    public const byte KindI32 = 0;
    public const byte KindI64 = 1;
    public const byte KindF32 = 2;
    public const byte KindF64 = 3;
    public const byte KindV128 = 4;
    public const byte KindRef = 5;

    // WASMTIME_HEAPTYPE_KIND_*
    public const byte HeapExtern = 0;
    public const byte HeapNoExtern = 1;
    public const byte HeapFunc = 2;
    public const byte HeapConcreteFunc = 3;
    public const byte HeapNoFunc = 4;
    public const byte HeapAny = 5;
    public const byte HeapNone = 6;
    public const byte HeapEq = 7;
    public const byte HeapI31 = 8;
    public const byte HeapArray = 9;
    public const byte HeapConcreteArray = 10;
    public const byte HeapStruct = 11;
    public const byte HeapConcreteStruct = 12;
    public const byte HeapExn = 13;
    public const byte HeapConcreteExn = 14;
    public const byte HeapNoExn = 15;
}

/// <summary>
/// <c>wasmtime_val_t</c> with Wasmtime's GC feature on (as the shipped library is built): a kind byte, then a 24-byte
/// union at offset 8 (the GC references are 24 bytes), 32 bytes in all. Only the number kinds are used here.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 32)]
internal struct WasmtimeVal
{
    public const byte KindI32 = 0, KindI64 = 1, KindF32 = 2, KindF64 = 3;

    [FieldOffset(0)] public byte Kind;
    [FieldOffset(8)] public long Bits; // i32 and f32 in the low four bytes, little-endian
}
