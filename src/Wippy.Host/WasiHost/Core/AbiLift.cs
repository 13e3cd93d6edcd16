using Wippy.Host.GeneratedCode;

namespace Wippy.Host.WasiHost.Core;

/// <summary>
/// Reads the arguments a guest's core code passes to a lowered host function into component values
/// (<see cref="ComponentVal"/>, owned: the caller releases them), following the Canonical ABI's <c>lift_flat</c> and
/// <c>load</c>. Every pointer and length the guest gives is checked by the frame (<see cref="CoreCall"/>): a bad one is an
/// Invalid error, never a read outside the guest's memory.
/// </summary>
internal static class AbiLift
{
    /// <summary>
    /// The value of <paramref name="type"/> in the core values <paramref name="slots"/> from <paramref name="at"/>, which
    /// moves past them.
    /// </summary>
    /// <remarks>
    /// A variant's payload is read from slots whose type is the join of every case's (an <c>f32</c> case in an
    /// <c>i32</c> slot, an <c>i32</c> case in an <c>i64</c> slot): a <see cref="ValueRaw"/> is a little-endian union, so
    /// reading the case's own field of the slot is exactly the Canonical ABI's coercion (the low 32 bits, or the bits
    /// reinterpreted).
    /// </remarks>
    public static ComponentVal FromFlat(ref CoreCall frame, AbiType type, ReadOnlySpan<ValueRaw> slots, ref int at, string what)
    {
        switch (type.Kind)
        {
            case AbiKind.Bool: return ComponentVal.Bool(slots[at++].I32 != 0);
            case AbiKind.S8: return ComponentVal.S8((sbyte)slots[at++].I32);
            case AbiKind.U8: return ComponentVal.U8((byte)slots[at++].I32);
            case AbiKind.S16: return ComponentVal.S16((short)slots[at++].I32);
            case AbiKind.U16: return ComponentVal.U16((ushort)slots[at++].I32);
            case AbiKind.S32: return ComponentVal.S32(slots[at++].I32);
            case AbiKind.U32: return ComponentVal.U32((uint)slots[at++].I32);
            case AbiKind.Handle: return ComponentVal.U32((uint)slots[at++].I32);
            case AbiKind.S64: return ComponentVal.S64(slots[at++].I64);
            case AbiKind.U64: return ComponentVal.U64((ulong)slots[at++].I64);
            case AbiKind.F32: return ComponentVal.F32(slots[at++].F32);
            case AbiKind.F64: return ComponentVal.F64(slots[at++].F64);
            case AbiKind.Char: return ComponentVal.Char(frame.LiftChar((uint)slots[at++].I32, what));
            case AbiKind.Flags: return Flags(type, (uint)slots[at++].I32);
            case AbiKind.String:
                {
                    var ptr = (uint)slots[at++].I32;
                    var length = (uint)slots[at++].I32;
                    return ComponentVal.OwnedString(frame.LiftString(ptr, length, what));
                }
            case AbiKind.List:
                {
                    var ptr = (uint)slots[at++].I32;
                    var count = (uint)slots[at++].I32;
                    return List(ref frame, type.Element!, ptr, count, what);
                }
            case AbiKind.Record:
            case AbiKind.Tuple:
                {
                    var value = type.Kind == AbiKind.Record ? ComponentVal.OwnedRecord(type.Fields.Length) : ComponentVal.OwnedTuple(type.Fields.Length);
                    try
                    {
                        for (var i = 0; i < type.Fields.Length; i++) Set(ref value, type, i, FromFlat(ref frame, type.Fields[i], slots, ref at, what));
                    }
                    catch
                    {
                        ComponentVal.Release(ref value);
                        throw;
                    }
                    return value;
                }
            default:
                {
                    var discriminant = (uint)slots[at++].I32;
                    var end = at + type.Flat.Length - 1;
                    var payload = Case(ref frame, type, discriminant, what) is { } caseType ? FromFlat(ref frame, caseType, slots, ref at, what) : (ComponentVal?)null;
                    at = end;
                    return Variant(type, (int)discriminant, payload);
                }
        }
    }

    /// <summary>The value of <paramref name="type"/> stored at <paramref name="ptr"/> in the guest's memory.</summary>
    public static ComponentVal FromMemory(ref CoreCall frame, AbiType type, uint ptr, string what)
    {
        switch (type.Kind)
        {
            case AbiKind.Bool: return ComponentVal.Bool(frame.LoadU8(ptr) != 0);
            case AbiKind.S8: return ComponentVal.S8((sbyte)frame.LoadU8(ptr));
            case AbiKind.U8: return ComponentVal.U8(frame.LoadU8(ptr));
            case AbiKind.S16: return ComponentVal.S16((short)frame.LoadU16(ptr));
            case AbiKind.U16: return ComponentVal.U16(frame.LoadU16(ptr));
            case AbiKind.S32: return ComponentVal.S32((int)frame.LoadU32(ptr));
            case AbiKind.U32: return ComponentVal.U32(frame.LoadU32(ptr));
            case AbiKind.Handle: return ComponentVal.U32(frame.LoadU32(ptr));
            case AbiKind.S64: return ComponentVal.S64((long)frame.LoadU64(ptr));
            case AbiKind.U64: return ComponentVal.U64(frame.LoadU64(ptr));
            case AbiKind.F32: return ComponentVal.F32(frame.LoadF32(ptr));
            case AbiKind.F64: return ComponentVal.F64(frame.LoadF64(ptr));
            case AbiKind.Char: return ComponentVal.Char(frame.LiftChar(frame.LoadU32(ptr), what));
            case AbiKind.Flags: return Flags(type, LoadUnsigned(ref frame, ptr, type.Size));
            case AbiKind.String: return ComponentVal.OwnedString(frame.LiftString(frame.LoadU32(ptr), frame.LoadU32(ptr + 4), what));
            case AbiKind.List: return List(ref frame, type.Element!, frame.LoadU32(ptr), frame.LoadU32(ptr + 4), what);
            case AbiKind.Record:
            case AbiKind.Tuple:
                {
                    var value = type.Kind == AbiKind.Record ? ComponentVal.OwnedRecord(type.Fields.Length) : ComponentVal.OwnedTuple(type.Fields.Length);
                    try
                    {
                        for (var i = 0; i < type.Fields.Length; i++) Set(ref value, type, i, FromMemory(ref frame, type.Fields[i], ptr + (uint)type.Offsets[i], what));
                    }
                    catch
                    {
                        ComponentVal.Release(ref value);
                        throw;
                    }
                    return value;
                }
            default:
                {
                    var discriminant = LoadUnsigned(ref frame, ptr, type.DiscriminantSize);
                    var payload = Case(ref frame, type, discriminant, what) is { } caseType
                        ? FromMemory(ref frame, caseType, ptr + (uint)type.PayloadOffset, what)
                        : (ComponentVal?)null;
                    return Variant(type, (int)discriminant, payload);
                }
        }
    }

    private static ComponentVal List(ref CoreCall frame, AbiType element, uint ptr, uint count, string what)
    {
        if (element.Kind == AbiKind.U8) return ComponentVal.PackedBytes(frame.BytesAt(ptr, count, what)); // see ComponentVal.PackedBytes
        frame.CheckList(ptr, count, element.Size, element.Align, what);
        var list = ComponentVal.OwnedList((int)count);
        try
        {
            for (var i = 0; i < (int)count; i++) ComponentVal.SetItem(ref list, i, FromMemory(ref frame, element, ptr + (uint)(i * element.Size), what));
        }
        catch
        {
            ComponentVal.Release(ref list);
            throw;
        }
        return list;
    }

    private static void Set(ref ComponentVal value, AbiType type, int index, ComponentVal item)
    {
        if (type.Kind == AbiKind.Record) ComponentVal.SetField(ref value, index, type.FieldNames[index], item);
        else ComponentVal.SetItem(ref value, index, item);
    }

    /// <summary>The payload type of case <paramref name="discriminant"/> (null for a case without one); a discriminant past the cases is Invalid.</summary>
    private static AbiType? Case(ref CoreCall frame, AbiType type, uint discriminant, string what) =>
        discriminant < (uint)type.CaseNames.Length ? type.Cases[discriminant] : throw frame.BadDiscriminant(discriminant, type.CaseNames.Length, what);

    private static ComponentVal Variant(AbiType type, int discriminant, ComponentVal? payload) => type.Kind switch
    {
        AbiKind.Enum => ComponentVal.OwnedEnum(type.CaseNames[discriminant]),
        AbiKind.Option => payload is { } some ? ComponentVal.OwnedSome(some) : ComponentVal.None,
        AbiKind.Result => discriminant == 0 ? ComponentVal.OwnedOk(payload) : ComponentVal.OwnedErr(payload),
        _ => ComponentVal.OwnedVariant(type.CaseNames[discriminant], payload),
    };

    private static ComponentVal Flags(AbiType type, uint bits)
    {
        var names = new List<string>();
        for (var i = 0; i < type.CaseNames.Length; i++)
        {
            if ((bits & (1u << i)) != 0) names.Add(type.CaseNames[i]);
        }
        return ComponentVal.OwnedFlags(names.ToArray());
    }

    private static uint LoadUnsigned(ref CoreCall frame, uint ptr, int size) => size switch
    {
        1 => frame.LoadU8(ptr),
        2 => frame.LoadU16(ptr),
        _ => frame.LoadU32(ptr),
    };
}
