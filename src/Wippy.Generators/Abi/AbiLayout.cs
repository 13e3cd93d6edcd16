using Wippy.Generators.Model;

namespace Wippy.Generators.Abi;

/// <summary>
/// The Canonical ABI's static facts about a type, computed at build time so the emitted code holds only
/// constants: alignment, size in linear memory, field and payload offsets, and the flattened core types.
/// Follows design/mvp/CanonicalABI.md of the Component Model (alignment, elem_size, flatten_type).
/// </summary>
internal static class AbiLayout
{
    /// <summary>At most this many flat values are passed as parameters; beyond, they go through memory.</summary>
    public const int MaxFlatParams = 16;

    /// <summary>At most this many flat values are returned; beyond, the callee returns a pointer.</summary>
    public const int MaxFlatResults = 1;

    public static int Alignment(TypeModel type) => type switch
    {
        PrimitiveType p => PrimitiveSize(p.Kind) switch { 0 => 4, var s => s },
        ListType => 4,
        OptionType o => VariantAlignment(OptionCases(o)),
        ResultType r => VariantAlignment(ResultCases(r)),
        TupleType t => RecordAlignment(t.Elements),
        RecordType r => RecordAlignment(r.Fields.Select(f => f.Type)),
        VariantType v => VariantAlignment(v.Cases.Select(c => c.Payload)),
        EnumType e => DiscriminantSize(e.Cases.Count),
        FlagsType f => FlagsSize(f.Flags.Count),
        ResourceType => 4, // a handle: an i32
        _ => throw new NotSupportedException(type.ToString()),
    };

    public static int Size(TypeModel type) => type switch
    {
        PrimitiveType p => PrimitiveSize(p.Kind) switch { 0 => 8, var s => s },
        ListType => 8,
        OptionType o => VariantSize(OptionCases(o)),
        ResultType r => VariantSize(ResultCases(r)),
        TupleType t => RecordSize(t.Elements),
        RecordType r => RecordSize(r.Fields.Select(f => f.Type)),
        VariantType v => VariantSize(v.Cases.Select(c => c.Payload)),
        EnumType e => DiscriminantSize(e.Cases.Count),
        FlagsType f => FlagsSize(f.Flags.Count),
        ResourceType => 4,
        _ => throw new NotSupportedException(type.ToString()),
    };

    /// <summary>Byte offsets of each field of a record or tuple.</summary>
    public static IReadOnlyList<int> FieldOffsets(IEnumerable<TypeModel> fields)
    {
        var offsets = new List<int>();
        var s = 0;
        foreach (var f in fields)
        {
            s = AlignTo(s, Alignment(f));
            offsets.Add(s);
            s += Size(f);
        }
        return offsets;
    }

    /// <summary>Offset of a variant's payload, after its discriminant.</summary>
    public static int PayloadOffset(IEnumerable<TypeModel?> cases)
    {
        var list = cases.ToList();
        return AlignTo(DiscriminantSize(list.Count), MaxCaseAlignment(list));
    }

    /// <summary>Size in bytes of the discriminant of a variant with <paramref name="caseCount"/> cases.</summary>
    public static int DiscriminantSize(int caseCount) => caseCount <= 256 ? 1 : caseCount <= 65536 ? 2 : 4;

    /// <summary>Size in bytes of a flags value; the ABI keeps flags to at most 32.</summary>
    public static int FlagsSize(int count) => count <= 8 ? 1 : count <= 16 ? 2 : 4;

    public static int AlignTo(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;

    /// <summary>The core value types a value of <paramref name="type"/> flattens into.</summary>
    public static IReadOnlyList<CoreValueType> Flatten(TypeModel type)
    {
        var result = new List<CoreValueType>();
        FlattenInto(type, result);
        return result;
    }

    /// <summary>The flattened types of several values in a row (a parameter list).</summary>
    public static IReadOnlyList<CoreValueType> Flatten(IEnumerable<TypeModel> types)
    {
        var result = new List<CoreValueType>();
        foreach (var t in types) FlattenInto(t, result);
        return result;
    }

    /// <summary>The cases of <c>option&lt;T&gt;</c> as the ABI sees it: <c>none</c>, <c>some(T)</c>.</summary>
    public static IReadOnlyList<TypeModel?> OptionCases(OptionType o) => new[] { null, o.Inner };

    /// <summary>The cases of <c>result&lt;T, E&gt;</c>: <c>ok(T?)</c>, <c>error(E?)</c>.</summary>
    public static IReadOnlyList<TypeModel?> ResultCases(ResultType r) => new[] { r.Ok, r.Err };

    /// <summary>The payload types of a variant-like type (variant, option, result, enum), in case order.</summary>
    public static IReadOnlyList<TypeModel?> CasesOf(TypeModel type) => type switch
    {
        OptionType o => OptionCases(o),
        ResultType r => ResultCases(r),
        VariantType v => v.Cases.Select(c => c.Payload).ToList(),
        EnumType e => e.Cases.Select(_ => (TypeModel?)null).ToList(),
        _ => throw new ArgumentException("not a variant-like type: " + type),
    };

    private static void FlattenInto(TypeModel type, List<CoreValueType> into)
    {
        switch (type)
        {
            case PrimitiveType p:
                into.Add(p.Kind switch
                {
                    PrimitiveKind.S64 or PrimitiveKind.U64 => CoreValueType.I64,
                    PrimitiveKind.F32 => CoreValueType.F32,
                    PrimitiveKind.F64 => CoreValueType.F64,
                    _ => CoreValueType.I32,
                });
                if (p.Kind == PrimitiveKind.String) into.Add(CoreValueType.I32);
                break;
            case ListType:
                into.Add(CoreValueType.I32);
                into.Add(CoreValueType.I32);
                break;
            case TupleType t:
                foreach (var e in t.Elements) FlattenInto(e, into);
                break;
            case RecordType r:
                foreach (var f in r.Fields) FlattenInto(f.Type, into);
                break;
            case FlagsType:
            case EnumType:
            case ResourceType: // a handle
                into.Add(CoreValueType.I32);
                break;
            default:
                into.AddRange(FlattenVariant(CasesOf(type)));
                break;
        }
    }

    /// <summary>
    /// A variant flattens to an i32 discriminant followed by the element-wise join of its cases' flattenings:
    /// equal types stay, i32 with f32 joins to i32, anything else to i64.
    /// </summary>
    private static IReadOnlyList<CoreValueType> FlattenVariant(IReadOnlyList<TypeModel?> cases)
    {
        var joined = new List<CoreValueType>();
        foreach (var c in cases)
        {
            if (c is null) continue;
            var flat = Flatten(c);
            for (var i = 0; i < flat.Count; i++)
            {
                if (i < joined.Count) joined[i] = Join(joined[i], flat[i]);
                else joined.Add(flat[i]);
            }
        }
        joined.Insert(0, CoreValueType.I32);
        return joined;
    }

    private static CoreValueType Join(CoreValueType a, CoreValueType b)
    {
        if (a == b) return a;
        if ((a == CoreValueType.I32 && b == CoreValueType.F32) || (a == CoreValueType.F32 && b == CoreValueType.I32)) return CoreValueType.I32;
        return CoreValueType.I64;
    }

    /// <summary>0 for string (a pointer pair, handled by the callers), otherwise the byte size.</summary>
    private static int PrimitiveSize(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Bool or PrimitiveKind.S8 or PrimitiveKind.U8 => 1,
        PrimitiveKind.S16 or PrimitiveKind.U16 => 2,
        PrimitiveKind.S32 or PrimitiveKind.U32 or PrimitiveKind.F32 or PrimitiveKind.Char => 4,
        PrimitiveKind.S64 or PrimitiveKind.U64 or PrimitiveKind.F64 => 8,
        _ => 0,
    };

    private static int RecordAlignment(IEnumerable<TypeModel> fields)
    {
        var a = 1;
        foreach (var f in fields) a = Math.Max(a, Alignment(f));
        return a;
    }

    private static int RecordSize(IEnumerable<TypeModel> fields)
    {
        var list = fields.ToList();
        var s = 0;
        foreach (var f in list)
        {
            s = AlignTo(s, Alignment(f));
            s += Size(f);
        }
        return AlignTo(s, RecordAlignment(list));
    }

    private static int MaxCaseAlignment(IEnumerable<TypeModel?> cases)
    {
        var a = 1;
        foreach (var c in cases)
        {
            if (c is not null) a = Math.Max(a, Alignment(c));
        }
        return a;
    }

    private static int VariantAlignment(IEnumerable<TypeModel?> cases)
    {
        var list = cases.ToList();
        return Math.Max(DiscriminantSize(list.Count), MaxCaseAlignment(list));
    }

    private static int VariantSize(IEnumerable<TypeModel?> cases)
    {
        var list = cases.ToList();
        var s = PayloadOffset(list);
        var max = 0;
        foreach (var c in list)
        {
            if (c is not null) max = Math.Max(max, Size(c));
        }
        return AlignTo(s + max, VariantAlignment(list));
    }
}
