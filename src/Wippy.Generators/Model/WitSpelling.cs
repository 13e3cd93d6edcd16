namespace Wippy.Generators.Model;

/// <summary>How types and signatures are spelled in WIT, for doc comments, error messages and the registry descriptors.</summary>
internal static class WitSpelling
{
    /// <summary>The WIT spelling of a type (<c>list&lt;person&gt;</c>); <c>_</c> for a missing one.</summary>
    public static string Of(TypeModel? type) => type switch
    {
        null => "_",
        PrimitiveType p => p.Kind.ToString().ToLowerInvariant(),
        ListType l => $"list<{Of(l.Element)}>",
        OptionType o => $"option<{Of(o.Inner)}>",
        ResultType { Ok: null, Err: null } => "result",
        ResultType { Err: null } r => $"result<{Of(r.Ok)}>",
        ResultType r => $"result<{Of(r.Ok)}, {Of(r.Err)}>",
        TupleType t => "tuple<" + string.Join(", ", t.Elements.Select(Of)) + ">",
        RecordType r => r.WitName,
        VariantType v => v.WitName,
        EnumType e => e.WitName,
        FlagsType f => f.WitName,
        ResourceType { IsBorrow: true } r => $"borrow<{r.WitName}>",
        ResourceType r => r.WitName,
        _ => type.ToString(),
    };

    /// <summary><c>name: func(a: s32, b: string) -> u32</c>.</summary>
    public static string Signature(string name, IEnumerable<ParamModel> parameters, TypeModel? result) =>
        $"{name}: func({Parameters(parameters)})" + (result is null ? "" : " -> " + Of(result));

    /// <summary><c>a: s32, b: string</c>: a parameter list as WIT writes it.</summary>
    public static string Parameters(IEnumerable<ParamModel> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.WitName}: {Of(p.Type)}"));
}
