using Wippy.Host.GeneratedCode;

namespace Wippy.Host.WasiHost.Core;

/// <summary>
/// Writes a host function's result (a <see cref="ComponentVal"/>) back to the guest's core code, following the Canonical
/// ABI's <c>lower_flat</c> and <c>store</c>: strings and lists go into memory the guest's <c>cabi_realloc</c> gives,
/// asked for in the ABI's order (a list's elements before anything they point to; every string and list, even an empty
/// one, gets its call). The preview1 adapter's import allocator counts on that order.
/// </summary>
internal static class AbiLower
{
    /// <summary>Writes <paramref name="value"/> into the core values <paramref name="slots"/> from <paramref name="at"/>, which moves past them.</summary>
    /// <remarks>
    /// A variant's joined slots are cleared first, then the case's payload written through its own field of each slot
    /// (<see cref="ValueRaw"/> is a little-endian union): an <c>i32</c> in an <c>i64</c> slot is then zero-extended and
    /// an <c>f32</c> kept as its bits, as the Canonical ABI's coercions say.
    /// </remarks>
    public static void ToFlat(ref CoreCall frame, AbiType type, in ComponentVal value, Span<ValueRaw> slots, ref int at, string what)
    {
        switch (type.Kind)
        {
            case AbiKind.Bool: slots[at++].I32 = value.AsBool() ? 1 : 0; return;
            case AbiKind.S8: slots[at++].I32 = value.AsS8(); return;
            case AbiKind.U8: slots[at++].I32 = value.AsU8(); return;
            case AbiKind.S16: slots[at++].I32 = value.AsS16(); return;
            case AbiKind.U16: slots[at++].I32 = value.AsU16(); return;
            case AbiKind.S32: slots[at++].I32 = value.AsS32(); return;
            case AbiKind.U32:
            case AbiKind.Handle: slots[at++].I32 = (int)value.AsU32(); return;
            case AbiKind.S64: slots[at++].I64 = value.AsS64(); return;
            case AbiKind.U64: slots[at++].I64 = (long)value.AsU64(); return;
            case AbiKind.F32: slots[at++].F32 = value.AsF32(); return;
            case AbiKind.F64: slots[at++].F64 = value.AsF64(); return;
            case AbiKind.Char: slots[at++].I32 = value.AsChar().Value; return;
            case AbiKind.Flags: slots[at++].I32 = (int)FlagBits(type, value); return;
            case AbiKind.String:
                {
                    var (ptr, length) = String(ref frame, value, what);
                    slots[at++].I32 = (int)ptr;
                    slots[at++].I32 = (int)length;
                    return;
                }
            case AbiKind.List:
                {
                    var (ptr, count) = List(ref frame, type.Element!, value, what);
                    slots[at++].I32 = (int)ptr;
                    slots[at++].I32 = (int)count;
                    return;
                }
            case AbiKind.Record:
                {
                    var fields = value.AsRecord();
                    for (var i = 0; i < type.Fields.Length; i++) ToFlat(ref frame, type.Fields[i], fields[i].Value, slots, ref at, what);
                    return;
                }
            case AbiKind.Tuple:
                {
                    var items = value.AsTuple();
                    for (var i = 0; i < type.Fields.Length; i++) ToFlat(ref frame, type.Fields[i], items[i], slots, ref at, what);
                    return;
                }
            default:
                {
                    var (discriminant, payload) = Case(type, value);
                    slots[at++].I32 = discriminant;
                    var end = at + type.Flat.Length - 1;
                    for (var i = at; i < end; i++) slots[i].I64 = 0;
                    if (payload is { } p) ToFlat(ref frame, type.Cases[discriminant]!, p, slots, ref at, what);
                    at = end;
                    return;
                }
        }
    }

    /// <summary>Stores <paramref name="value"/> at <paramref name="ptr"/> in the guest's memory.</summary>
    public static void ToMemory(ref CoreCall frame, AbiType type, in ComponentVal value, uint ptr, string what)
    {
        switch (type.Kind)
        {
            case AbiKind.Bool: frame.StoreU8(ptr, value.AsBool() ? (byte)1 : (byte)0); return;
            case AbiKind.S8: frame.StoreU8(ptr, (byte)value.AsS8()); return;
            case AbiKind.U8: frame.StoreU8(ptr, value.AsU8()); return;
            case AbiKind.S16: frame.StoreU16(ptr, (ushort)value.AsS16()); return;
            case AbiKind.U16: frame.StoreU16(ptr, value.AsU16()); return;
            case AbiKind.S32: frame.StoreU32(ptr, (uint)value.AsS32()); return;
            case AbiKind.U32:
            case AbiKind.Handle: frame.StoreU32(ptr, value.AsU32()); return;
            case AbiKind.S64: frame.StoreU64(ptr, (ulong)value.AsS64()); return;
            case AbiKind.U64: frame.StoreU64(ptr, value.AsU64()); return;
            case AbiKind.F32: frame.StoreF32(ptr, value.AsF32()); return;
            case AbiKind.F64: frame.StoreF64(ptr, value.AsF64()); return;
            case AbiKind.Char: frame.StoreU32(ptr, (uint)value.AsChar().Value); return;
            case AbiKind.Flags: StoreUnsigned(ref frame, ptr, type.Size, FlagBits(type, value)); return;
            case AbiKind.String:
                {
                    var (at, length) = String(ref frame, value, what);
                    frame.StoreU32(ptr, at);
                    frame.StoreU32(ptr + 4, length);
                    return;
                }
            case AbiKind.List:
                {
                    var (at, count) = List(ref frame, type.Element!, value, what);
                    frame.StoreU32(ptr, at);
                    frame.StoreU32(ptr + 4, count);
                    return;
                }
            case AbiKind.Record:
                {
                    var fields = value.AsRecord();
                    for (var i = 0; i < type.Fields.Length; i++) ToMemory(ref frame, type.Fields[i], fields[i].Value, ptr + (uint)type.Offsets[i], what);
                    return;
                }
            case AbiKind.Tuple:
                {
                    var items = value.AsTuple();
                    for (var i = 0; i < type.Fields.Length; i++) ToMemory(ref frame, type.Fields[i], items[i], ptr + (uint)type.Offsets[i], what);
                    return;
                }
            default:
                {
                    var (discriminant, payload) = Case(type, value);
                    StoreUnsigned(ref frame, ptr, type.DiscriminantSize, (uint)discriminant);
                    if (payload is { } p) ToMemory(ref frame, type.Cases[discriminant]!, p, ptr + (uint)type.PayloadOffset, what);
                    return;
                }
        }
    }

    private static (uint Ptr, uint Length) String(ref CoreCall frame, in ComponentVal value, string what)
    {
        var bytes = value.AsUtf8();
        var ptr = frame.Alloc(1, bytes.Length, what);
        frame.CopyInto(ptr, bytes);
        return (ptr, (uint)bytes.Length);
    }

    private static (uint Ptr, uint Count) List(ref CoreCall frame, AbiType element, in ComponentVal value, string what)
    {
        if (element.Kind == AbiKind.U8 && value.Kind == ComponentValKind.String)
        {
            // Bytes the host kept packed (ComponentVal.PackedBytes): copied at once.
            var packed = value.AsUtf8();
            var at = frame.Alloc(1, packed.Length, what);
            frame.CopyInto(at, packed);
            return (at, (uint)packed.Length);
        }
        var items = value.AsList();
        var ptr = frame.Alloc(element.Align, (long)items.Length * element.Size, what);
        if (element.Kind == AbiKind.U8)
        {
            // Bytes as Wasmtime's list of u8 values: gathered and copied at once.
            var bytes = items.Length <= 4096 ? stackalloc byte[items.Length] : new byte[items.Length];
            for (var i = 0; i < items.Length; i++) bytes[i] = items[i].AsU8();
            frame.CopyInto(ptr, bytes);
        }
        else
        {
            for (var i = 0; i < items.Length; i++) ToMemory(ref frame, element, items[i], ptr + (uint)(i * element.Size), what);
        }
        return (ptr, (uint)items.Length);
    }

    /// <summary>The case a variant-like value is, and its payload.</summary>
    private static (int Discriminant, ComponentVal? Payload) Case(AbiType type, in ComponentVal value)
    {
        switch (type.Kind)
        {
            case AbiKind.Enum:
                return (Index(type, value.AsEnum()), null);
            case AbiKind.Option:
                return value.TryGetSome(out var some) ? (1, some) : (0, null);
            case AbiKind.Result:
                {
                    var ok = value.AsResult(out var payload);
                    return (ok ? 0 : 1, payload);
                }
            default:
                {
                    var name = value.AsVariant(out var payload);
                    return (Index(type, name), payload);
                }
        }
    }

    private static int Index(AbiType type, string caseName) =>
        type.CaseIndex(caseName) is var index and >= 0 ? index : throw new InvalidOperationException($"the host returned the case '{caseName}', which the guest's type does not have");

    private static uint FlagBits(AbiType type, in ComponentVal value)
    {
        var bits = 0u;
        foreach (var name in value.AsFlags())
        {
            var index = type.CaseIndex(name);
            if (index < 0) throw new InvalidOperationException($"the host returned the flag '{name}', which the guest's type does not have");
            bits |= 1u << index;
        }
        return bits;
    }

    private static void StoreUnsigned(ref CoreCall frame, uint ptr, int size, uint value)
    {
        switch (size)
        {
            case 1: frame.StoreU8(ptr, (byte)value); break;
            case 2: frame.StoreU16(ptr, (ushort)value); break;
            default: frame.StoreU32(ptr, value); break;
        }
    }
}
