using Wippy.Modules.Components;

namespace Wippy.Host.WasiHost.Core;

/// <summary>The kinds of value the Canonical ABI moves between core code and the host.</summary>
internal enum AbiKind : byte
{
    Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String, List, Record, Tuple, Variant, Enum, Option, Result, Flags,

    /// <summary><c>own&lt;T&gt;</c> or <c>borrow&lt;T&gt;</c> of a host resource: a handle number (an <c>i32</c>).</summary>
    Handle,
}

/// <summary>A core value type of a flattened component value.</summary>
internal enum FlatKind : byte { I32, I64, F32, F64 }

/// <summary>
/// A component value type with its Canonical ABI layout worked out once: its size and alignment in linear memory, its
/// flattening into core values, and, for variants, where the payload starts. Made from the component's own type of an
/// imported function when a planned component is loaded, so that a call does no layout work.
/// </summary>
/// <remarks>
/// The rules are the Canonical ABI's (<c>elem_size</c>, <c>alignment</c>, <c>flatten_type</c>): records lay fields out in
/// order, each at its alignment; a variant (and <c>option</c>, <c>result</c>, <c>enum</c>, which are variants) stores the
/// smallest unsigned discriminant that numbers its cases, then the payload at the largest case alignment; flattened, a
/// variant is its discriminant then the cases' flat types joined slot by slot (equal types stay, <c>i32</c> and
/// <c>f32</c> join to <c>i32</c>, anything else to <c>i64</c>).
/// </remarks>
internal sealed class AbiType
{
    private AbiType(AbiKind kind, int size, int align, FlatKind[] flat)
    {
        Kind = kind;
        Size = size;
        Align = align;
        Flat = flat;
    }

    /// <summary>The kind of value.</summary>
    public AbiKind Kind { get; }

    /// <summary>Its size in linear memory, in bytes.</summary>
    public int Size { get; }

    /// <summary>Its alignment in linear memory, in bytes.</summary>
    public int Align { get; }

    /// <summary>Its core values, flattened.</summary>
    public FlatKind[] Flat { get; }

    /// <summary>The element type of a list.</summary>
    public AbiType? Element { get; private init; }

    /// <summary>A record's fields or a tuple's items, in order (with their offsets in <see cref="Offsets"/>).</summary>
    public AbiType[] Fields { get; private init; } = [];

    /// <summary>A record's field names.</summary>
    public string[] FieldNames { get; private init; } = [];

    /// <summary>The byte offset of each of <see cref="Fields"/>.</summary>
    public int[] Offsets { get; private init; } = [];

    /// <summary>A variant's (or enum's, or flags') case names, in order; <c>none</c>/<c>some</c> and <c>ok</c>/<c>err</c> for options and results.</summary>
    public string[] CaseNames { get; private init; } = [];

    /// <summary>Each case's payload type (null for a case without one).</summary>
    public AbiType?[] Cases { get; private init; } = [];

    /// <summary>The size of a variant's discriminant in memory: 1, 2 or 4 bytes.</summary>
    public int DiscriminantSize { get; private init; }

    /// <summary>Where a variant's payload starts in memory.</summary>
    public int PayloadOffset { get; private init; }

    /// <summary>The index of case <paramref name="name"/>, or -1.</summary>
    public int CaseIndex(string name) => Array.IndexOf(CaseNames, name);

    /// <summary>
    /// The layout of <paramref name="type"/>, or an exception naming what is not supported (a <c>stream</c>, a
    /// <c>future</c>, a fixed-length list, a map, an <c>error-context</c>).
    /// </summary>
    /// <exception cref="NotSupportedException">The type holds something this layer does not carry.</exception>
    public static AbiType Of(CType type)
    {
        switch (ComponentTypePrinter.Strip(type))
        {
            case CPrim p:
                return p.Name switch
                {
                    "bool" => Scalar(AbiKind.Bool, 1, FlatKind.I32),
                    "s8" => Scalar(AbiKind.S8, 1, FlatKind.I32),
                    "u8" => Scalar(AbiKind.U8, 1, FlatKind.I32),
                    "s16" => Scalar(AbiKind.S16, 2, FlatKind.I32),
                    "u16" => Scalar(AbiKind.U16, 2, FlatKind.I32),
                    "s32" => Scalar(AbiKind.S32, 4, FlatKind.I32),
                    "u32" => Scalar(AbiKind.U32, 4, FlatKind.I32),
                    "s64" => Scalar(AbiKind.S64, 8, FlatKind.I64),
                    "u64" => Scalar(AbiKind.U64, 8, FlatKind.I64),
                    "f32" => Scalar(AbiKind.F32, 4, FlatKind.F32),
                    "f64" => Scalar(AbiKind.F64, 8, FlatKind.F64),
                    "char" => Scalar(AbiKind.Char, 4, FlatKind.I32),
                    "string" => new AbiType(AbiKind.String, 8, 4, [FlatKind.I32, FlatKind.I32]),
                    _ => throw new NotSupportedException($"the type '{p.Name}'"),
                };
            case CList { Length: null } l:
                return new AbiType(AbiKind.List, 8, 4, [FlatKind.I32, FlatKind.I32]) { Element = Of(l.Element) };
            case CList:
                throw new NotSupportedException("a fixed-length list");
            case CRecord r:
                return Struct(AbiKind.Record, r.Fields.Select(f => Of(f.Value)).ToArray(), r.Fields.Select(f => f.Key).ToArray());
            case CTuple t:
                return Struct(AbiKind.Tuple, t.Items.Select(Of).ToArray(), []);
            case CVariant v:
                return Variant(AbiKind.Variant, v.Cases.Select(c => c.Key).ToArray(), v.Cases.Select(c => c.Value is null ? null : Of(c.Value)).ToArray());
            case CEnum e:
                return Variant(AbiKind.Enum, e.Names.ToArray(), new AbiType?[e.Names.Count]);
            case COption o:
                return Variant(AbiKind.Option, ["none", "some"], [null, Of(o.Inner)]);
            case CResult r:
                return Variant(AbiKind.Result, ["ok", "err"], [r.Ok is null ? null : Of(r.Ok), r.Err is null ? null : Of(r.Err)]);
            case CFlags f:
                return Flags(f.Names.ToArray());
            case CWrap { Keyword: "own" or "borrow" }:
                return Scalar(AbiKind.Handle, 4, FlatKind.I32);
            case CWrap w:
                throw new NotSupportedException($"a {w.Keyword}");
            case CMap:
                throw new NotSupportedException("a map");
            default:
                throw new NotSupportedException($"a type it cannot read ({type.GetType().Name})");
        }
    }

    /// <summary>The parameters of a function as one tuple (how they are laid out when they spill to memory).</summary>
    public static AbiType TupleOf(IReadOnlyList<AbiType> items) => Struct(AbiKind.Tuple, items.ToArray(), []);

    private static AbiType Scalar(AbiKind kind, int size, FlatKind flat) => new(kind, size, size, [flat]);

    private static AbiType Struct(AbiKind kind, AbiType[] fields, string[] names)
    {
        var offsets = new int[fields.Length];
        var size = 0;
        var align = 1;
        foreach (var (field, i) in fields.Select((f, i) => (f, i)))
        {
            size = AlignTo(size, field.Align);
            offsets[i] = size;
            size += field.Size;
            align = Math.Max(align, field.Align);
        }
        return new AbiType(kind, AlignTo(size, align), align, fields.SelectMany(f => f.Flat).ToArray())
        {
            Fields = fields,
            FieldNames = names,
            Offsets = offsets,
        };
    }

    private static AbiType Variant(AbiKind kind, string[] names, AbiType?[] cases)
    {
        var discriminant = names.Length <= 1 << 8 ? 1 : names.Length <= 1 << 16 ? 2 : 4;
        var caseAlign = 1;
        var caseSize = 0;
        var joined = new List<FlatKind>();
        foreach (var payload in cases)
        {
            if (payload is null) continue;
            caseAlign = Math.Max(caseAlign, payload.Align);
            caseSize = Math.Max(caseSize, payload.Size);
            for (var i = 0; i < payload.Flat.Length; i++)
            {
                if (i < joined.Count) joined[i] = Join(joined[i], payload.Flat[i]);
                else joined.Add(payload.Flat[i]);
            }
        }
        var align = Math.Max(discriminant, caseAlign);
        var payloadOffset = AlignTo(discriminant, caseAlign);
        return new AbiType(kind, AlignTo(payloadOffset + caseSize, align), align, [FlatKind.I32, .. joined])
        {
            CaseNames = names,
            Cases = cases,
            DiscriminantSize = discriminant,
            PayloadOffset = payloadOffset,
        };
    }

    private static AbiType Flags(string[] names)
    {
        if (names.Length is 0 or > 32) throw new NotSupportedException($"flags of {names.Length} labels");
        var size = names.Length <= 8 ? 1 : names.Length <= 16 ? 2 : 4;
        return new AbiType(AbiKind.Flags, size, size, [FlatKind.I32]) { CaseNames = names };
    }

    private static FlatKind Join(FlatKind a, FlatKind b) =>
        a == b ? a : (a, b) is (FlatKind.I32, FlatKind.F32) or (FlatKind.F32, FlatKind.I32) ? FlatKind.I32 : FlatKind.I64;

    private static int AlignTo(int offset, int align) => (offset + align - 1) / align * align;
}
