using System.Runtime.CompilerServices;
using System.Text;
using Wippy.Host.Native.Interop;

using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

// Values whose out-of-line memory Wasmtime allocates (its vector and box constructors), so that either side may
// free them: Wasmtime frees a host function's results after reading them, and a caller releases its arguments with
// Release after a call. Generated code builds every compound value this way, without unsafe code: vectors are made
// with their length, zero-filled (so a value abandoned half-built by an exception can still be released), then
// filled with SetItem / SetField.
public unsafe partial struct ComponentVal
{
    /// <summary>A <c>list&lt;T&gt;</c> of <paramref name="count"/> elements, each <c>bool false</c> until set with <see cref="SetItem"/>.</summary>
    /// <param name="count">The number of elements.</param>
    /// <returns>The list, owned by Wasmtime's allocator.</returns>
    public static ComponentVal OwnedList(int count) => OwnedVector(ComponentValKind.List, count);

    /// <summary>A <c>tuple</c> of <paramref name="count"/> elements, set with <see cref="SetItem"/>.</summary>
    /// <param name="count">The number of elements.</param>
    /// <returns>The tuple, owned by Wasmtime's allocator.</returns>
    public static ComponentVal OwnedTuple(int count) => OwnedVector(ComponentValKind.Tuple, count);

    /// <summary>A <c>record</c> of <paramref name="count"/> fields, set with <see cref="SetField"/> in declaration order.</summary>
    /// <param name="count">The number of fields.</param>
    /// <returns>The record, owned by Wasmtime's allocator.</returns>
    public static ComponentVal OwnedRecord(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var vec = default(WasmByteVec);
        ComponentApi.wasmtime_component_valrecord_new_uninit(&vec, (nuint)count);
        new Span<byte>(vec.Data, count * sizeof(ComponentRecordField)).Clear();
        return new ComponentVal { _kind = ComponentValKind.Record, _size = vec.Size, _data = vec.Data };
    }

    /// <summary>A <c>list&lt;u8&gt;</c> holding <paramref name="bytes"/>.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The list, owned by Wasmtime's allocator.</returns>
    public static ComponentVal OwnedBytes(ReadOnlySpan<byte> bytes)
    {
        var list = OwnedVector(ComponentValKind.List, bytes.Length);
        var items = (ComponentVal*)list._data;
        for (int i = 0; i < bytes.Length; i++)
        {
            items[i] = U8(bytes[i]);
        }

        return list;
    }

    /// <summary>An <c>enum</c> case.</summary>
    /// <param name="caseName">The case name.</param>
    /// <returns>The value, owned by Wasmtime's allocator.</returns>
    public static ComponentVal OwnedEnum(string caseName)
    {
        WasmByteVec name = OwnedName(caseName);
        return new ComponentVal { _kind = ComponentValKind.Enum, _size = name.Size, _data = name.Data };
    }

    /// <summary>A <c>flags</c> value with the named flags set.</summary>
    /// <param name="names">The names of the flags that are set, in the type's order.</param>
    /// <returns>The value, owned by Wasmtime's allocator.</returns>
    public static ComponentVal OwnedFlags(ReadOnlySpan<string> names)
    {
        var vec = default(WasmByteVec);
        ComponentApi.wasmtime_component_valflags_new_uninit(&vec, (nuint)names.Length);
        var entries = (WasmByteVec*)vec.Data;
        for (int i = 0; i < names.Length; i++)
        {
            entries[i] = OwnedName(names[i]);
        }

        return new ComponentVal { _kind = ComponentValKind.Flags, _size = vec.Size, _data = vec.Data };
    }

    /// <summary><c>some(value)</c>; <paramref name="value"/> moves into the option.</summary>
    /// <param name="value">The payload.</param>
    /// <returns>The option.</returns>
    public static ComponentVal OwnedSome(ComponentVal value) => OptionOf(ComponentApi.wasmtime_component_val_new(&value));

    /// <summary><c>ok(value)</c> or <c>ok</c> (null payload); the payload moves into the result.</summary>
    /// <param name="value">The payload, or null when the ok case has none.</param>
    /// <returns>The result.</returns>
    public static ComponentVal OwnedOk(ComponentVal? value) => ResultOf(true, value is { } v ? ComponentApi.wasmtime_component_val_new(&v) : null);

    /// <summary><c>error(value)</c> or <c>error</c> (null payload); the payload moves into the result.</summary>
    /// <param name="value">The payload, or null when the error case has none.</param>
    /// <returns>The result.</returns>
    public static ComponentVal OwnedErr(ComponentVal? value) => ResultOf(false, value is { } v ? ComponentApi.wasmtime_component_val_new(&v) : null);

    /// <summary>A <c>variant</c> case; the payload moves into the variant.</summary>
    /// <param name="caseName">The case name.</param>
    /// <param name="payload">The payload, or null when the case has none.</param>
    /// <returns>The variant.</returns>
    public static ComponentVal OwnedVariant(string caseName, ComponentVal? payload)
    {
        WasmByteVec name = OwnedName(caseName);
        return VariantOf(name.Size, name.Data, payload is { } p ? ComponentApi.wasmtime_component_val_new(&p) : null);
    }

    /// <summary>Sets element <paramref name="index"/> of a list or tuple made by <see cref="OwnedList"/> / <see cref="OwnedTuple"/>; <paramref name="item"/> moves in.</summary>
    /// <param name="vector">The list or tuple.</param>
    /// <param name="index">The element's index.</param>
    /// <param name="item">The element.</param>
    public static void SetItem(ref ComponentVal vector, int index, ComponentVal item)
    {
        if (vector._kind is not (ComponentValKind.List or ComponentValKind.Tuple) || (uint)index >= (uint)vector._size)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        ((ComponentVal*)vector._data)[index] = item;
    }

    /// <summary>Sets field <paramref name="index"/> of a record made by <see cref="OwnedRecord"/>; <paramref name="value"/> moves in.</summary>
    /// <param name="record">The record.</param>
    /// <param name="index">The field's index (declaration order).</param>
    /// <param name="name">The field's WIT name.</param>
    /// <param name="value">The field's value.</param>
    public static void SetField(ref ComponentVal record, int index, string name, ComponentVal value)
    {
        if (record._kind != ComponentValKind.Record || (uint)index >= (uint)record._size)
        {
            throw new ArgumentOutOfRangeException(nameof(index));
        }

        ((ComponentRecordField*)record._data)[index] = new ComponentRecordField(OwnedName(name), value);
    }

    /// <summary>Releases one value Wasmtime owns (see <see cref="Release(Span{ComponentVal})"/>).</summary>
    /// <param name="value">The value; reset to <c>default</c>.</param>
    public static void Release(ref ComponentVal value) => Release(new Span<ComponentVal>(Unsafe.AsPointer(ref value), 1));

    private static ComponentVal OwnedVector(ComponentValKind kind, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var vec = default(WasmByteVec);
        if (kind == ComponentValKind.List) ComponentApi.wasmtime_component_vallist_new_uninit(&vec, (nuint)count);
        else ComponentApi.wasmtime_component_valtuple_new_uninit(&vec, (nuint)count);
        new Span<byte>(vec.Data, count * sizeof(ComponentVal)).Clear();
        return new ComponentVal { _kind = kind, _size = vec.Size, _data = vec.Data };
    }

    private static WasmByteVec OwnedName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int length = Encoding.UTF8.GetByteCount(name);
        var vec = default(WasmByteVec);
        ComponentApi.wasm_byte_vec_new_uninitialized(&vec, (nuint)length);
        if (length > 0) Encoding.UTF8.GetBytes(name, new Span<byte>(vec.Data, length));
        return vec;
    }
}
