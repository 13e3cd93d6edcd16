using System.Runtime.InteropServices;
using System.Text;
using System.Text.Unicode;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native.Components;

/// <summary>
/// Native memory for the out-of-line parts of argument values (string bytes, list elements, record fields,
/// option/result/variant payloads…). Wasmtime only reads arguments, so they can live in host memory: values
/// made here stay valid until <see cref="Reset"/> or <see cref="Dispose"/>, and must never be passed to
/// <see cref="ComponentVal.Release(Span{ComponentVal})"/>. Not thread-safe.
/// </summary>
internal sealed unsafe class ComponentValArena : IDisposable
{
    private readonly List<nint> _blocks = [];

    /// <summary>A <c>string</c>.</summary>
    /// <param name="value">The text (lone surrogates become U+FFFD, so the bytes are always valid UTF-8).</param>
    /// <returns>The value.</returns>
    public ComponentVal String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int length = Encoding.UTF8.GetByteCount(value);
        byte* data = (byte*)Allocate(length);
        Encoding.UTF8.GetBytes(value, new Span<byte>(data, length));
        return ComponentVal.Vector(ComponentValKind.String, (nuint)length, data);
    }

    /// <summary>A <c>string</c> from UTF-8 bytes.</summary>
    /// <param name="utf8">The bytes; they must be valid UTF-8 (Wasmtime aborts the process otherwise).</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentException">The bytes are not valid UTF-8.</exception>
    public ComponentVal String(ReadOnlySpan<byte> utf8) =>
        ComponentVal.Vector(ComponentValKind.String, (nuint)utf8.Length, CopyUtf8(utf8, nameof(utf8)));

    /// <summary>A <c>list</c>.</summary>
    /// <param name="items">The elements (copied; nested values must come from this arena or be scalars).</param>
    /// <returns>The value.</returns>
    public ComponentVal List(params ReadOnlySpan<ComponentVal> items) =>
        ComponentVal.Vector(ComponentValKind.List, (nuint)items.Length, Copy(items));

    /// <summary>A <c>tuple</c>.</summary>
    /// <param name="items">The elements, in order.</param>
    /// <returns>The value.</returns>
    public ComponentVal Tuple(params ReadOnlySpan<ComponentVal> items) =>
        ComponentVal.Vector(ComponentValKind.Tuple, (nuint)items.Length, Copy(items));

    /// <summary>A <c>record</c>.</summary>
    /// <param name="fields">The fields by name (Wasmtime matches names; give every field of the type).</param>
    /// <returns>The value.</returns>
    public ComponentVal Record(params ReadOnlySpan<(string Name, ComponentVal Value)> fields)
    {
        var entries = (ComponentRecordField*)Allocate(fields.Length * sizeof(ComponentRecordField));
        for (int i = 0; i < fields.Length; i++)
        {
            entries[i] = new ComponentRecordField(Name(fields[i].Name), fields[i].Value);
        }

        return ComponentVal.Vector(ComponentValKind.Record, (nuint)fields.Length, entries);
    }

    /// <summary>An <c>enum</c> case.</summary>
    /// <param name="caseName">The case name.</param>
    /// <returns>The value.</returns>
    public ComponentVal Enum(string caseName)
    {
        WasmByteVec name = Name(caseName);
        return ComponentVal.Vector(ComponentValKind.Enum, name.Size, name.Data);
    }

    /// <summary>A <c>flags</c> value.</summary>
    /// <param name="names">The names of the flags that are set.</param>
    /// <returns>The value.</returns>
    public ComponentVal Flags(params ReadOnlySpan<string> names)
    {
        var vecs = (WasmByteVec*)Allocate(names.Length * sizeof(WasmByteVec));
        for (int i = 0; i < names.Length; i++)
        {
            vecs[i] = Name(names[i]);
        }

        return ComponentVal.Vector(ComponentValKind.Flags, (nuint)names.Length, vecs);
    }

    /// <summary>An <c>option</c> that is <c>some</c> (use <see cref="ComponentVal.None"/> for <c>none</c>).</summary>
    /// <param name="value">The payload.</param>
    /// <returns>The value.</returns>
    public ComponentVal Some(ComponentVal value) => ComponentVal.OptionOf(Box(value));

    /// <summary>A <c>result</c> in its <c>ok</c> case.</summary>
    /// <param name="value">The payload; null when the type has none.</param>
    /// <returns>The value.</returns>
    public ComponentVal Ok(ComponentVal? value = null) => ComponentVal.ResultOf(true, value is { } v ? Box(v) : null);

    /// <summary>A <c>result</c> in its <c>error</c> case.</summary>
    /// <param name="value">The payload; null when the type has none.</param>
    /// <returns>The value.</returns>
    public ComponentVal Err(ComponentVal? value = null) => ComponentVal.ResultOf(false, value is { } v ? Box(v) : null);

    /// <summary>A <c>variant</c> case.</summary>
    /// <param name="caseName">The case name.</param>
    /// <param name="payload">The payload; null when the case has none.</param>
    /// <returns>The value.</returns>
    public ComponentVal Variant(string caseName, ComponentVal? payload = null)
    {
        WasmByteVec name = Name(caseName);
        return ComponentVal.VariantOf(name.Size, name.Data, payload is { } p ? Box(p) : null);
    }

    /// <summary>Frees everything allocated so far; values made before become invalid.</summary>
    public void Reset()
    {
        foreach (nint block in _blocks)
        {
            NativeMemory.Free((void*)block);
        }

        _blocks.Clear();
    }

    /// <summary>Frees the arena's memory.</summary>
    public void Dispose() => Reset();

    private WasmByteVec Name(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        int length = Encoding.UTF8.GetByteCount(name);
        byte* data = (byte*)Allocate(length);
        Encoding.UTF8.GetBytes(name, new Span<byte>(data, length));
        return new WasmByteVec { Size = (nuint)length, Data = data };
    }

    private byte* CopyUtf8(ReadOnlySpan<byte> utf8, string parameter)
    {
        if (!Utf8.IsValid(utf8))
        {
            throw new ArgumentException("The bytes are not valid UTF-8.", parameter);
        }

        byte* data = (byte*)Allocate(utf8.Length);
        utf8.CopyTo(new Span<byte>(data, utf8.Length));
        return data;
    }

    private ComponentVal* Copy(ReadOnlySpan<ComponentVal> items)
    {
        var data = (ComponentVal*)Allocate(items.Length * sizeof(ComponentVal));
        items.CopyTo(new Span<ComponentVal>(data, items.Length));
        return data;
    }

    private ComponentVal* Box(ComponentVal value)
    {
        var data = (ComponentVal*)Allocate(sizeof(ComponentVal));
        *data = value;
        return data;
    }

    private void* Allocate(int bytes)
    {
        // malloc alignment (16 on x86-64) covers every value. Never null, even for an empty vector.
        void* block = NativeMemory.Alloc((nuint)Math.Max(bytes, 1));
        _blocks.Add((nint)block);
        return block;
    }
}
