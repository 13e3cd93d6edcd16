using Wippy.Generators.Model;

namespace Wippy.Generators.Tests.Abi;

/// <summary>Short constructors of resolved WIT types, for layout tests.</summary>
internal static class T
{
    public static readonly TypeModel Bool = P(PrimitiveKind.Bool);
    public static readonly TypeModel S8 = P(PrimitiveKind.S8);
    public static readonly TypeModel U8 = P(PrimitiveKind.U8);
    public static readonly TypeModel S16 = P(PrimitiveKind.S16);
    public static readonly TypeModel U16 = P(PrimitiveKind.U16);
    public static readonly TypeModel S32 = P(PrimitiveKind.S32);
    public static readonly TypeModel U32 = P(PrimitiveKind.U32);
    public static readonly TypeModel S64 = P(PrimitiveKind.S64);
    public static readonly TypeModel U64 = P(PrimitiveKind.U64);
    public static readonly TypeModel F32 = P(PrimitiveKind.F32);
    public static readonly TypeModel F64 = P(PrimitiveKind.F64);
    public static readonly TypeModel Char = P(PrimitiveKind.Char);
    public static readonly TypeModel String = P(PrimitiveKind.String);

    public static TypeModel P(PrimitiveKind kind) => new PrimitiveType(kind);

    public static TypeModel List(TypeModel element) => new ListType(element);

    public static TypeModel Option(TypeModel inner) => new OptionType(inner);

    public static TypeModel Result(TypeModel? ok, TypeModel? err) => new ResultType(ok, err);

    public static TypeModel Tuple(params TypeModel[] elements) => new TupleType(elements.ToEquatableArray());

    public static RecordType Record(params (string Name, TypeModel Type)[] fields) =>
        new("r", "R", null, fields.Select(f => new FieldModel(f.Name, f.Name, f.Type, null)).ToEquatableArray());

    public static TypeModel Variant(params (string Name, TypeModel? Payload)[] cases) =>
        new VariantType("v", "V", null, cases.Select(c => new CaseModel(c.Name, c.Name, c.Payload, null)).ToEquatableArray());

    /// <summary>A variant of <paramref name="count"/> cases, the first with <paramref name="firstPayload"/>, the others empty.</summary>
    public static TypeModel VariantOf(int count, TypeModel? firstPayload) =>
        new VariantType("v", "V", null, Enumerable.Range(0, count)
            .Select(i => new CaseModel("c" + i, "C" + i, i == 0 ? firstPayload : null, null)).ToEquatableArray());

    public static TypeModel Enum(int count) =>
        new EnumType("e", "E", null, Enumerable.Range(0, count).Select(i => new CaseModel("c" + i, "C" + i, null, null)).ToEquatableArray());

    public static TypeModel Flags(int count) =>
        new FlagsType("f", "F", null, Enumerable.Range(0, count).Select(i => new CaseModel("f" + i, "F" + i, null, null)).ToEquatableArray());
}
