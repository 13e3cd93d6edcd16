using System.Runtime.InteropServices;
using System.Text;
using Wippy.Host.Native.Interop;

using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

/// <summary>
/// A component-model value, laid out exactly as Wasmtime's <c>wasmtime_component_val_t</c>
/// (wasmtime/component/val.h): the kind byte at offset 0, then an 8-aligned 24-byte union at offset 8;
/// 32 bytes, align 8. Spans of it are passed to and from the C API without conversion.
/// </summary>
/// <remarks>
/// <para>
/// <b>Ownership.</b> Scalars own nothing. A value with out-of-line data (string, list, record, tuple, variant,
/// enum, option, result, flags) points either at memory of a <see cref="ComponentValArena"/> (values built by
/// the host as call arguments: valid until the arena is reset or disposed, never released) or at memory Wasmtime
/// allocated (results of <see cref="WasmComponentFunction.Call"/>, values built with
/// <see cref="OwnedString(string)"/>: release each one exactly once with <see cref="Release(Span{ComponentVal})"/>).
/// Mixing the two up frees memory with the wrong allocator.
/// </para>
/// <para>
/// Wasmtime converts argument values without checks that return errors: a <c>char</c> that is not a Unicode
/// scalar value or a string/name that is not UTF-8 aborts the process. The factories here only make valid values.
/// </para>
/// </remarks>
[StructLayout(LayoutKind.Explicit, Size = 32)]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public unsafe partial struct ComponentVal
{
    [FieldOffset(0)] private ComponentValKind _kind;

    // Scalars: the union's first bytes.
    [FieldOffset(8)] private byte _u8;
    [FieldOffset(8)] private ushort _u16;
    [FieldOffset(8)] private uint _u32;
    [FieldOffset(8)] private ulong _u64;
    [FieldOffset(8)] private float _f32;
    [FieldOffset(8)] private double _f64;

    // string, list, record, tuple, enum, flags, variant discriminant: { size_t size; T* data; }.
    // option: the payload pointer at 8. result: { bool is_ok @8; val* @16 }. variant: { name @8..24; val* @24 }.
    [FieldOffset(8)] private nuint _size;
    [FieldOffset(16)] private void* _data;
    [FieldOffset(8)] private ComponentVal* _option;
    [FieldOffset(16)] private ComponentVal* _resultValue;
    [FieldOffset(24)] private ComponentVal* _variantValue;

    // resource: the wasmtime_component_resource_any_t* at 8.
    [FieldOffset(8)] private void* _resource;

    /// <summary>The value's kind. <c>default</c> is <c>bool false</c>.</summary>
    public readonly ComponentValKind Kind => _kind;

    /// <summary>The <c>none</c> value of any <c>option</c> type.</summary>
    public static ComponentVal None => new() { _kind = ComponentValKind.Option };

    // ---- Scalar factories ----

    /// <summary>A <c>bool</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal Bool(bool value) => new() { _kind = ComponentValKind.Bool, _u8 = value ? (byte)1 : (byte)0 };

    /// <summary>An <c>s8</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal S8(sbyte value) => new() { _kind = ComponentValKind.S8, _u8 = (byte)value };

    /// <summary>A <c>u8</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal U8(byte value) => new() { _kind = ComponentValKind.U8, _u8 = value };

    /// <summary>An <c>s16</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal S16(short value) => new() { _kind = ComponentValKind.S16, _u16 = (ushort)value };

    /// <summary>A <c>u16</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal U16(ushort value) => new() { _kind = ComponentValKind.U16, _u16 = value };

    /// <summary>An <c>s32</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal S32(int value) => new() { _kind = ComponentValKind.S32, _u32 = (uint)value };

    /// <summary>A <c>u32</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal U32(uint value) => new() { _kind = ComponentValKind.U32, _u32 = value };

    /// <summary>An <c>s64</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal S64(long value) => new() { _kind = ComponentValKind.S64, _u64 = (ulong)value };

    /// <summary>A <c>u64</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal U64(ulong value) => new() { _kind = ComponentValKind.U64, _u64 = value };

    /// <summary>An <c>f32</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal F32(float value) => new() { _kind = ComponentValKind.F32, _f32 = value };

    /// <summary>An <c>f64</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal F64(double value) => new() { _kind = ComponentValKind.F64, _f64 = value };

    /// <summary>A <c>char</c> (a <see cref="Rune"/> is always a Unicode scalar value, as Wasmtime requires).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The component value.</returns>
    public static ComponentVal Char(Rune value) => new() { _kind = ComponentValKind.Char, _u32 = (uint)value.Value };

    /// <summary>
    /// A string in memory Wasmtime allocated (<c>wasm_byte_vec_new_uninitialized</c>): the form a host function
    /// must use for string results, which Wasmtime frees after the call. As an argument it must be released with
    /// <see cref="Release(Span{ComponentVal})"/> by the caller.
    /// </summary>
    /// <param name="value">The string (lone surrogates become U+FFFD).</param>
    /// <returns>The component value.</returns>
    public static ComponentVal OwnedString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = Encoding.UTF8.GetByteCount(value);
        var vec = default(WasmByteVec);
        ComponentApi.wasm_byte_vec_new_uninitialized(&vec, (nuint)length);
        if (length > 0)
        {
            Encoding.UTF8.GetBytes(value, new Span<byte>(vec.Data, length));
        }

        return new ComponentVal { _kind = ComponentValKind.String, _size = vec.Size, _data = vec.Data };
    }

    // Used by ComponentValArena.
    internal static ComponentVal Vector(ComponentValKind kind, nuint size, void* data) =>
        new() { _kind = kind, _size = size, _data = data };

    internal static ComponentVal OptionOf(ComponentVal* value) => new() { _kind = ComponentValKind.Option, _option = value };

    /// <summary>A <c>resource</c> value: a <c>wasmtime_component_resource_any_t*</c> (the slot owns it).</summary>
    internal static ComponentVal ResourceOf(nint resourceAny) => new() { _kind = ComponentValKind.Resource, _resource = (void*)resourceAny };

    /// <summary>The <c>wasmtime_component_resource_any_t*</c> of a <c>resource</c> value (borrowed from the slot).</summary>
    internal readonly nint AsResourcePointer() => (nint)Expect(ComponentValKind.Resource)._resource;

    internal static ComponentVal ResultOf(bool isOk, ComponentVal* value) =>
        new() { _kind = ComponentValKind.Result, _u8 = isOk ? (byte)1 : (byte)0, _resultValue = value };

    internal static ComponentVal VariantOf(nuint nameSize, byte* name, ComponentVal* value) =>
        new() { _kind = ComponentValKind.Variant, _size = nameSize, _data = name, _variantValue = value };

    // ---- Readers ----

    /// <summary>Reads a <c>bool</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly bool AsBool() => Expect(ComponentValKind.Bool)._u8 != 0;

    /// <summary>Reads an <c>s8</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly sbyte AsS8() => (sbyte)Expect(ComponentValKind.S8)._u8;

    /// <summary>Reads a <c>u8</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly byte AsU8() => Expect(ComponentValKind.U8)._u8;

    /// <summary>Reads an <c>s16</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly short AsS16() => (short)Expect(ComponentValKind.S16)._u16;

    /// <summary>Reads a <c>u16</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly ushort AsU16() => Expect(ComponentValKind.U16)._u16;

    /// <summary>Reads an <c>s32</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly int AsS32() => (int)Expect(ComponentValKind.S32)._u32;

    /// <summary>Reads a <c>u32</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly uint AsU32() => Expect(ComponentValKind.U32)._u32;

    /// <summary>Reads an <c>s64</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly long AsS64() => (long)Expect(ComponentValKind.S64)._u64;

    /// <summary>Reads a <c>u64</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly ulong AsU64() => Expect(ComponentValKind.U64)._u64;

    /// <summary>Reads an <c>f32</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly float AsF32() => Expect(ComponentValKind.F32)._f32;

    /// <summary>Reads an <c>f64</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly double AsF64() => Expect(ComponentValKind.F64)._f64;

    /// <summary>Reads a <c>char</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly Rune AsChar() => new(Expect(ComponentValKind.Char)._u32);

    /// <summary>The UTF-8 bytes of a <c>string</c> (valid as long as the value).</summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly ReadOnlySpan<byte> AsUtf8() => Expect(ComponentValKind.String).VectorSpan<byte>();

    /// <summary>Decodes a <c>string</c>.</summary>
    /// <returns>The value.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly string AsString() => Encoding.UTF8.GetString(AsUtf8());

    /// <summary>The elements of a <c>list</c> (valid as long as the value).</summary>
    /// <returns>The elements.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly ReadOnlySpan<ComponentVal> AsList() => Expect(ComponentValKind.List).VectorSpan<ComponentVal>();

    /// <summary>The elements of a <c>tuple</c> (valid as long as the value).</summary>
    /// <returns>The elements.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly ReadOnlySpan<ComponentVal> AsTuple() => Expect(ComponentValKind.Tuple).VectorSpan<ComponentVal>();

    /// <summary>The fields of a <c>record</c>, in declaration order (valid as long as the value).</summary>
    /// <returns>The fields.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly ReadOnlySpan<ComponentRecordField> AsRecord() =>
        Expect(ComponentValKind.Record).VectorSpan<ComponentRecordField>();

    /// <summary>The case name of an <c>enum</c>.</summary>
    /// <returns>The case name.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly string AsEnum() => Encoding.UTF8.GetString(Expect(ComponentValKind.Enum).VectorSpan<byte>());

    /// <summary>The names of the set <c>flags</c>.</summary>
    /// <returns>The names, in the type's order.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly string[] AsFlags()
    {
        ReadOnlySpan<WasmByteVec> names = Expect(ComponentValKind.Flags).VectorSpan<WasmByteVec>();
        var result = new string[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            result[i] = Encoding.UTF8.GetString(names[i].AsSpan());
        }

        return result;
    }

    /// <summary>Reads an <c>option</c>.</summary>
    /// <param name="value">The payload of <c>some</c>.</param>
    /// <returns>Whether the option is <c>some</c>.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly bool TryGetSome(out ComponentVal value)
    {
        ComponentVal* payload = Expect(ComponentValKind.Option)._option;
        value = payload == null ? default : *payload;
        return payload != null;
    }

    /// <summary>Reads a <c>result</c>.</summary>
    /// <param name="payload">The <c>ok</c> or <c>error</c> payload; null when that case has none.</param>
    /// <returns>True for <c>ok</c>, false for <c>error</c>.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly bool AsResult(out ComponentVal? payload)
    {
        ComponentVal self = Expect(ComponentValKind.Result);
        payload = self._resultValue == null ? null : *self._resultValue;
        return self._u8 != 0;
    }

    /// <summary>Reads a <c>variant</c>.</summary>
    /// <param name="payload">The case's payload; null when the case has none.</param>
    /// <returns>The case name.</returns>
    /// <exception cref="InvalidOperationException">The value is of another kind.</exception>
    public readonly string AsVariant(out ComponentVal? payload)
    {
        ComponentVal self = Expect(ComponentValKind.Variant);
        payload = self._variantValue == null ? null : *self._variantValue;
        return Encoding.UTF8.GetString(self.VectorSpan<byte>());
    }

    /// <summary>
    /// Releases values Wasmtime owns (the results of <see cref="WasmComponentFunction.Call"/>, values from
    /// <see cref="OwnedString(string)"/>) with <c>wasmtime_component_val_delete</c>, then resets each slot to
    /// <c>default</c>. Never pass values built by a <see cref="ComponentValArena"/>. Scalars need no release; doing
    /// it anyway is harmless.
    /// </summary>
    /// <param name="values">The values to release.</param>
    public static void Release(Span<ComponentVal> values)
    {
        fixed (ComponentVal* p = values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (p[i]._kind >= ComponentValKind.String)
                {
                    ComponentApi.wasmtime_component_val_delete(&p[i]);
                }

                p[i] = default;
            }
        }
    }

    /// <summary>A readable rendering (WAVE-like) for diagnostics and tests.</summary>
    /// <returns>The text.</returns>
    public override readonly string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, in this);
        return builder.ToString();
    }

    private static void Append(StringBuilder b, in ComponentVal v)
    {
        switch (v._kind)
        {
            case ComponentValKind.Bool: b.Append(v.AsBool() ? "true" : "false"); break;
            case ComponentValKind.S8: b.Append(v.AsS8()); break;
            case ComponentValKind.U8: b.Append(v.AsU8()); break;
            case ComponentValKind.S16: b.Append(v.AsS16()); break;
            case ComponentValKind.U16: b.Append(v.AsU16()); break;
            case ComponentValKind.S32: b.Append(v.AsS32()); break;
            case ComponentValKind.U32: b.Append(v.AsU32()); break;
            case ComponentValKind.S64: b.Append(v.AsS64()); break;
            case ComponentValKind.U64: b.Append(v.AsU64()); break;
            case ComponentValKind.F32: b.Append(v.AsF32().ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case ComponentValKind.F64: b.Append(v.AsF64().ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
            case ComponentValKind.Char: b.Append('\'').Append(v.AsChar().ToString()).Append('\''); break;
            case ComponentValKind.String: b.Append('"').Append(v.AsString()).Append('"'); break;
            case ComponentValKind.Enum: b.Append(v.AsEnum()); break;
            case ComponentValKind.List: AppendAll(b, '[', v.AsList(), ']'); break;
            case ComponentValKind.Tuple: AppendAll(b, '(', v.AsTuple(), ')'); break;
            case ComponentValKind.Record:
                b.Append('{');
                ReadOnlySpan<ComponentRecordField> fields = v.AsRecord();
                for (int i = 0; i < fields.Length; i++)
                {
                    b.Append(i == 0 ? " " : ", ").Append(fields[i].Name).Append(": ");
                    Append(b, fields[i].Value);
                }

                b.Append(" }");
                break;
            case ComponentValKind.Flags: b.Append('{').Append(string.Join(", ", v.AsFlags())).Append('}'); break;
            case ComponentValKind.Option:
                if (v.TryGetSome(out ComponentVal some))
                {
                    b.Append("some(");
                    Append(b, some);
                    b.Append(')');
                }
                else
                {
                    b.Append("none");
                }

                break;
            case ComponentValKind.Result:
                bool ok = v.AsResult(out ComponentVal? payload);
                AppendCase(b, ok ? "ok" : "err", payload);
                break;
            case ComponentValKind.Variant:
                string name = v.AsVariant(out ComponentVal? value);
                AppendCase(b, name, value);
                break;
            default: b.Append('<').Append(v._kind).Append('>'); break;
        }
    }

    private static void AppendCase(StringBuilder b, string name, ComponentVal? payload)
    {
        b.Append(name);
        if (payload is { } p)
        {
            b.Append('(');
            Append(b, p);
            b.Append(')');
        }
    }

    private static void AppendAll(StringBuilder b, char open, ReadOnlySpan<ComponentVal> items, char close)
    {
        b.Append(open);
        for (int i = 0; i < items.Length; i++)
        {
            if (i > 0)
            {
                b.Append(", ");
            }

            Append(b, items[i]);
        }

        b.Append(close);
    }

    private readonly ReadOnlySpan<T> VectorSpan<T>()
        where T : unmanaged =>
        _size == 0 ? default : new ReadOnlySpan<T>(_data, checked((int)_size));

    private readonly ComponentVal Expect(ComponentValKind kind)
    {
        if (_kind != kind)
        {
            ThrowKind(kind);
        }

        return this;
    }

    private readonly void ThrowKind(ComponentValKind expected) =>
        throw new InvalidOperationException($"The component value is a {_kind}, not a {expected}.");
}

/// <summary>
/// One field of a <c>record</c> value: <c>wasmtime_component_valrecord_entry_t</c>,
/// <c>{ wasm_name_t name; wasmtime_component_val_t val; }</c>, 48 bytes.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly struct ComponentRecordField
{
    private readonly WasmByteVec _name;
    private readonly ComponentVal _value;

    internal ComponentRecordField(WasmByteVec name, ComponentVal value)
    {
        _name = name;
        _value = value;
    }

    /// <summary>The field name.</summary>
    public string Name => Encoding.UTF8.GetString(_name.AsSpan());

    /// <summary>The field value.</summary>
    public ComponentVal Value => _value;
}
