using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>The primitive value types of WIT.</summary>
public enum WitPrimitive
{
    /// <summary><c>bool</c></summary>
    Bool,
    /// <summary><c>s8</c></summary>
    S8,
    /// <summary><c>u8</c></summary>
    U8,
    /// <summary><c>s16</c></summary>
    S16,
    /// <summary><c>u16</c></summary>
    U16,
    /// <summary><c>s32</c></summary>
    S32,
    /// <summary><c>u32</c></summary>
    U32,
    /// <summary><c>s64</c></summary>
    S64,
    /// <summary><c>u64</c></summary>
    U64,
    /// <summary><c>f32</c> (also written <c>float32</c>)</summary>
    F32,
    /// <summary><c>f64</c> (also written <c>float64</c>)</summary>
    F64,
    /// <summary><c>char</c>: a Unicode scalar value.</summary>
    Char,
    /// <summary><c>string</c></summary>
    String,
}

/// <summary>
/// A use of a type (a parameter's, a result's, a field's...), as written. References to named types stay
/// as <see cref="WitNamedType"/> / <see cref="WitHandleType"/>; <see cref="WitResolution"/> maps them to their definitions.
/// </summary>
/// <param name="Position">Where the type is written.</param>
public abstract record WitType(SourcePosition Position);

/// <summary>A primitive type such as <c>u32</c> or <c>string</c>.</summary>
/// <param name="Kind">Which primitive.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitPrimitiveType(WitPrimitive Kind, SourcePosition Position) : WitType(Position);

/// <summary><c>list&lt;T&gt;</c>, or the fixed-length <c>list&lt;T, N&gt;</c>.</summary>
/// <param name="Element">The element type.</param>
/// <param name="FixedLength">N for <c>list&lt;T, N&gt;</c>; null for a list of any length.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitListType(WitType Element, int? FixedLength, SourcePosition Position) : WitType(Position);

/// <summary><c>option&lt;T&gt;</c></summary>
/// <param name="Inner">The type of the value when present.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitOptionType(WitType Inner, SourcePosition Position) : WitType(Position);

/// <summary>
/// <c>result</c>, <c>result&lt;T&gt;</c>, <c>result&lt;_, E&gt;</c> or <c>result&lt;T, E&gt;</c>; a missing side is null.
/// </summary>
/// <param name="Ok">The success payload, or null.</param>
/// <param name="Err">The error payload, or null.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitResultType(WitType? Ok, WitType? Err, SourcePosition Position) : WitType(Position);

/// <summary><c>tuple&lt;A, B, ...&gt;</c></summary>
/// <param name="Elements">The element types, at least one.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitTupleType(IReadOnlyList<WitType> Elements, SourcePosition Position) : WitType(Position);

/// <summary>
/// An explicit handle: <c>borrow&lt;r&gt;</c> or <c>own&lt;r&gt;</c>. A bare resource name (an owned handle
/// written without <c>own</c>) is a <see cref="WitNamedType"/> instead.
/// </summary>
/// <param name="ResourceName">The resource's name as written (without <c>%</c>).</param>
/// <param name="IsBorrow">True for <c>borrow</c>, false for <c>own</c>.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitHandleType(string ResourceName, bool IsBorrow, SourcePosition Position) : WitType(Position);

/// <summary>A reference by name to a type definition (a record, a variant, an alias, a resource...).</summary>
/// <param name="Name">The name as written (without <c>%</c>).</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitNamedType(string Name, SourcePosition Position) : WitType(Position);

/// <summary><c>future</c> or <c>future&lt;T&gt;</c> (async).</summary>
/// <param name="Element">The value type, or null for a bare <c>future</c>.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitFutureType(WitType? Element, SourcePosition Position) : WitType(Position);

/// <summary><c>stream</c> or <c>stream&lt;T&gt;</c> (async).</summary>
/// <param name="Element">The element type, or null for a bare <c>stream</c>.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitStreamType(WitType? Element, SourcePosition Position) : WitType(Position);

/// <summary><c>map&lt;K, V&gt;</c> (a newer WIT addition, parsed for completeness).</summary>
/// <param name="Key">The key type.</param>
/// <param name="Value">The value type.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitMapType(WitType Key, WitType Value, SourcePosition Position) : WitType(Position);

/// <summary><c>error-context</c> (async; parsed for completeness).</summary>
/// <param name="Position">Where it is written.</param>
public sealed record WitErrorContextType(SourcePosition Position) : WitType(Position);
