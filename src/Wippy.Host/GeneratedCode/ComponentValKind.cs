using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

/// <summary>
/// The discriminant of a <see cref="ComponentVal"/>: <c>wasmtime_component_valkind_t</c>, the
/// <c>WASMTIME_COMPONENT_*</c> constants of wasmtime/component/val.h (one byte).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public enum ComponentValKind : byte
{
    /// <summary><c>bool</c>.</summary>
    Bool = 0,

    /// <summary><c>s8</c>.</summary>
    S8 = 1,

    /// <summary><c>u8</c>.</summary>
    U8 = 2,

    /// <summary><c>s16</c>.</summary>
    S16 = 3,

    /// <summary><c>u16</c>.</summary>
    U16 = 4,

    /// <summary><c>s32</c>.</summary>
    S32 = 5,

    /// <summary><c>u32</c>.</summary>
    U32 = 6,

    /// <summary><c>s64</c>.</summary>
    S64 = 7,

    /// <summary><c>u64</c>.</summary>
    U64 = 8,

    /// <summary><c>f32</c>.</summary>
    F32 = 9,

    /// <summary><c>f64</c>.</summary>
    F64 = 10,

    /// <summary><c>char</c>: a Unicode scalar value.</summary>
    Char = 11,

    /// <summary><c>string</c>: UTF-8 bytes (pointer + length).</summary>
    String = 12,

    /// <summary><c>list&lt;T&gt;</c>.</summary>
    List = 13,

    /// <summary><c>record</c>: named fields in declaration order.</summary>
    Record = 14,

    /// <summary><c>tuple</c>.</summary>
    Tuple = 15,

    /// <summary><c>variant</c>: a case name and an optional payload.</summary>
    Variant = 16,

    /// <summary><c>enum</c>: a case name.</summary>
    Enum = 17,

    /// <summary><c>option&lt;T&gt;</c>.</summary>
    Option = 18,

    /// <summary><c>result&lt;T, E&gt;</c>.</summary>
    Result = 19,

    /// <summary><c>flags</c>: the names of the set flags.</summary>
    Flags = 20,

    /// <summary>A resource handle (<c>own</c> or <c>borrow</c>); not supported by this binding yet.</summary>
    Resource = 21,

    /// <summary><c>map&lt;K, V&gt;</c>; not supported by this binding yet.</summary>
    Map = 22,

    /// <summary>
    /// A fixed-length list. Wasmtime's Rust enum has this case after <see cref="Map"/> but val.h defines no
    /// constant for it; not supported by this binding yet.
    /// </summary>
    FixedLengthList = 23,
}
