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

    /// <summary>
    /// The WIT definitions of the named types <paramref name="types"/> use (records, variants, enums, flags, resources),
    /// each once, those a type refers to before it, one per line (<c>record person { name: string, age: u32 }</c>);
    /// "" when they use none. What <c>wit &lt;id&gt;</c> prints above the signature.
    /// </summary>
    public static string Definitions(IEnumerable<TypeModel?> types)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var type in types) Define(type, written, lines);
        return lines.Count == 0 ? "" : string.Join("\n", lines) + "\n";
    }

    private static void Define(TypeModel? type, HashSet<string> written, List<string> lines)
    {
        switch (type)
        {
            case ListType or OptionType or ResultType or TupleType:
                foreach (var child in type.Children()) Define(child, written, lines);
                break;
            case RecordType r when written.Add(r.WitName):
                foreach (var child in r.Children()) Define(child, written, lines);
                lines.Add($"record {r.WitName} {{ {string.Join(", ", r.Fields.Select(f => $"{f.WitName}: {Of(f.Type)}"))} }}");
                break;
            case VariantType v when written.Add(v.WitName):
                foreach (var child in v.Children()) Define(child, written, lines);
                lines.Add($"variant {v.WitName} {{ {string.Join(", ", v.Cases.Select(c => c.Payload is null ? c.WitName : $"{c.WitName}({Of(c.Payload)})"))} }}");
                break;
            case EnumType e when written.Add(e.WitName):
                lines.Add($"enum {e.WitName} {{ {string.Join(", ", e.Cases.Select(c => c.WitName))} }}");
                break;
            case FlagsType f when written.Add(f.WitName):
                lines.Add($"flags {f.WitName} {{ {string.Join(", ", f.Flags.Select(c => c.WitName))} }}");
                break;
            case ResourceType r when written.Add(r.WitName):
                lines.Add($"resource {r.WitName};");
                break;
        }
    }

    /// <summary><c>a: s32, b: string</c>: a parameter list as WIT writes it.</summary>
    public static string Parameters(IEnumerable<ParamModel> parameters) =>
        string.Join(", ", parameters.Select(p => $"{p.WitName}: {Of(p.Type)}"));
}
