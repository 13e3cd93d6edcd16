using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// The C# spelling of each WIT type (docs/values.md) and a mechanical key per type used to name the emitted
/// helper methods (<c>Load_ListOfPerson</c>, <c>LowerFlat_OptionOfString</c>).
/// </summary>
internal static class TypeNames
{
    /// <summary>The C# type of a value of <paramref name="type"/> as stored in records and returned from calls.</summary>
    public static string Cs(TypeModel type, string typeNamespace) => type switch
    {
        PrimitiveType p => Primitive(p.Kind),
        ListType { Element: PrimitiveType { Kind: PrimitiveKind.U8 } } => "byte[]",
        ListType l => Cs(l.Element, typeNamespace) + "[]",
        OptionType { Inner: OptionType inner } => $"{HostApi.Option}<{Cs(inner, typeNamespace)}>",
        OptionType o => Cs(o.Inner, typeNamespace) + "?",
        ResultType r => $"{HostApi.Result}<{CsOrUnit(r.Ok, typeNamespace)}, {CsOrUnit(r.Err, typeNamespace)}>",
        TupleType { Elements.Count: 1 } t => $"global::System.ValueTuple<{Cs(t.Elements[0], typeNamespace)}>",
        TupleType t => "(" + string.Join(", ", t.Elements.Select(e => Cs(e, typeNamespace))) + ")",
        RecordType r => $"global::{typeNamespace}.{r.CsName}",
        VariantType v => $"global::{typeNamespace}.{v.CsName}",
        EnumType e => $"global::{typeNamespace}.{e.CsName}",
        FlagsType f => $"global::{typeNamespace}.{f.CsName}",
        ResourceType { IsImported: true } r => $"global::{typeNamespace}.I{r.CsName}",
        ResourceType r => $"global::{typeNamespace}.{r.CsName}",
        _ => throw new NotSupportedException(type.ToString()),
    };

    /// <summary>The C# type a proxy method accepts for a top-level parameter: lists widen to read-only views.</summary>
    public static string CsParameter(TypeModel type, string typeNamespace) => type switch
    {
        ListType { Element: PrimitiveType { Kind: PrimitiveKind.U8 } } => "global::System.ReadOnlyMemory<byte>",
        ListType l => $"global::System.Collections.Generic.IReadOnlyList<{Cs(l.Element, typeNamespace)}>",
        _ => Cs(type, typeNamespace),
    };

    /// <summary>The C# type that emitted lowering helpers accept: lists as read-only views, so arrays and lists both fit.</summary>
    public static string CsLowerInput(TypeModel type, string typeNamespace) => CsParameter(type, typeNamespace);

    public static string CsOrUnit(TypeModel? type, string typeNamespace) => type is null ? HostApi.Unit : Cs(type, typeNamespace);

    public static string Primitive(PrimitiveKind kind) => kind switch
    {
        PrimitiveKind.Bool => "bool",
        PrimitiveKind.S8 => "sbyte",
        PrimitiveKind.U8 => "byte",
        PrimitiveKind.S16 => "short",
        PrimitiveKind.U16 => "ushort",
        PrimitiveKind.S32 => "int",
        PrimitiveKind.U32 => "uint",
        PrimitiveKind.S64 => "long",
        PrimitiveKind.U64 => "ulong",
        PrimitiveKind.F32 => "float",
        PrimitiveKind.F64 => "double",
        PrimitiveKind.Char => "global::System.Text.Rune",
        PrimitiveKind.String => "string",
        _ => throw new NotSupportedException(kind.ToString()),
    };

    /// <summary>True when the C# type is a reference type (so a null argument must be refused).</summary>
    public static bool IsReference(TypeModel type) => type switch
    {
        PrimitiveType p => p.Kind == PrimitiveKind.String,
        ListType => true,
        RecordType or VariantType or ResourceType => true,
        _ => false,
    };

    /// <summary>A readable identifier naming the type, used in helper method names.</summary>
    public static string Key(TypeModel type) => type switch
    {
        PrimitiveType p => p.Kind.ToString(),
        ListType { Element: PrimitiveType { Kind: PrimitiveKind.U8 } } => "Bytes",
        ListType l => "ListOf" + Key(l.Element),
        OptionType o => "OptionOf" + Key(o.Inner),
        ResultType r => "ResultOf" + (r.Ok is null ? "Unit" : Key(r.Ok)) + "And" + (r.Err is null ? "Unit" : Key(r.Err)),
        TupleType t => "TupleOf" + string.Join("", t.Elements.Select(Key)) + "End",
        RecordType r => r.CsName,
        VariantType v => v.CsName,
        EnumType e => e.CsName,
        ResourceType { IsBorrow: true } r => (r.IsImported ? "BorrowOfI" : "BorrowOf") + r.CsName,
        ResourceType r => (r.IsImported ? "OwnOfI" : "OwnOf") + r.CsName,
        FlagsType f => f.CsName,
        _ => throw new NotSupportedException(type.ToString()),
    };

    /// <summary><c>T[count]</c> spelled correctly when T is itself an array (<c>int[]</c> gives <c>int[count][]</c>).</summary>
    public static string NewArray(TypeModel element, string count, string typeNamespace)
    {
        var cs = Cs(element, typeNamespace);
        var suffix = "";
        while (cs.EndsWith("[]", StringComparison.Ordinal))
        {
            cs = cs.Substring(0, cs.Length - 2);
            suffix += "[]";
        }
        return $"{cs}[{count}]{suffix}";
    }
}
