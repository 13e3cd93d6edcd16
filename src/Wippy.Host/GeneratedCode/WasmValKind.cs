using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

/// <summary>
/// The type of a WebAssembly value as seen in a function signature. Reference types are reduced to their
/// abstract heap type: a concrete <c>(ref $t)</c> to a function type reads as <see cref="FuncRef"/>, and
/// nullability is not recorded.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public enum WasmValKind : byte
{
    /// <summary>32-bit integer (<c>i32</c>).</summary>
    I32,

    /// <summary>64-bit integer (<c>i64</c>).</summary>
    I64,

    /// <summary>32-bit float (<c>f32</c>).</summary>
    F32,

    /// <summary>64-bit float (<c>f64</c>).</summary>
    F64,

    /// <summary>128-bit vector (<c>v128</c>).</summary>
    V128,

    /// <summary>A function reference (<c>funcref</c>, or a reference to a concrete function type).</summary>
    FuncRef,

    /// <summary>An external reference (<c>externref</c>).</summary>
    ExternRef,

    /// <summary>A GC reference to anything internal (<c>anyref</c>).</summary>
    AnyRef,

    /// <summary>A GC reference comparable with <c>ref.eq</c> (<c>eqref</c>).</summary>
    EqRef,

    /// <summary>An unboxed 31-bit integer reference (<c>i31ref</c>).</summary>
    I31Ref,

    /// <summary>A GC struct reference (<c>structref</c>, or a concrete struct type).</summary>
    StructRef,

    /// <summary>A GC array reference (<c>arrayref</c>, or a concrete array type).</summary>
    ArrayRef,

    /// <summary>An exception reference (<c>exnref</c>, or a concrete exception type).</summary>
    ExnRef,

    /// <summary>The bottom of the internal hierarchy (<c>nullref</c>, heap type <c>none</c>).</summary>
    NullRef,

    /// <summary>The bottom of the function hierarchy (<c>nullfuncref</c>).</summary>
    NullFuncRef,

    /// <summary>The bottom of the external hierarchy (<c>nullexternref</c>).</summary>
    NullExternRef,

    /// <summary>The bottom of the exception hierarchy (<c>nullexnref</c>).</summary>
    NullExnRef,
}
