using Wippy.Host.Native.Components;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.GeneratedCode;

/// <summary>
/// A <c>list&lt;u8&gt;</c> kept packed, for a planned component's core path only: Wasmtime's value layout spends a
/// 32-byte value on each byte of a list (a 64 KiB read is 2 MiB of values), where the core path needs the bytes alone.
/// The packed form is a <c>string</c>-kind value holding the raw bytes: only the host's own WASI and the core path's
/// Canonical ABI layer (<c>WasiHost/Core</c>) ever see one, and both know from the type that a <c>list&lt;u8&gt;</c> is
/// meant. It is never handed to Wasmtime as a value, but it is freed like a string (a byte vector), so
/// <see cref="Release(Span{ComponentVal})"/> and the release of any value holding it stay correct.
/// </summary>
public unsafe partial struct ComponentVal
{
    /// <summary>A packed <c>list&lt;u8&gt;</c> of <paramref name="bytes"/> (see the type's remarks), owned by Wasmtime's allocator.</summary>
    internal static ComponentVal PackedBytes(ReadOnlySpan<byte> bytes)
    {
        var vec = default(WasmByteVec);
        ComponentApi.wasm_byte_vec_new_uninitialized(&vec, (nuint)bytes.Length);
        if (bytes.Length > 0) bytes.CopyTo(new Span<byte>(vec.Data, bytes.Length));
        return new ComponentVal { _kind = ComponentValKind.String, _size = vec.Size, _data = vec.Data };
    }

    /// <summary>
    /// The bytes of a <c>list&lt;u8&gt;</c> in either form: packed (<see cref="PackedBytes"/>, a view valid as long as
    /// the value) or Wasmtime's list of <c>u8</c> values (copied out).
    /// </summary>
    /// <exception cref="ComponentValueException">The value is neither.</exception>
    internal readonly ReadOnlySpan<byte> BytesOfList(string what) =>
        _kind == ComponentValKind.String ? VectorSpan<byte>() : ComponentValues.ReadBytes(this, what);
}
