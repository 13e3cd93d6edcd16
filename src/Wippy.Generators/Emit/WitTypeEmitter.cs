using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits the C# declaration of each named WIT type (the mapping of docs/values.md): records as sealed records with
/// PascalCase properties, variants as a closed hierarchy of nested records, enums as C# enums, flags as [Flags] enums.
/// </summary>
internal static class WitTypeEmitter
{
    /// <summary>Every named type of the namespace, in first-use order.</summary>
    public static void EmitAll(CodeWriter w, NamespaceModel ns)
    {
        var first = true;
        foreach (var type in ns.NamedTypes)
        {
            if (!first) w.Line();
            first = false;
            Emit(w, type, ns.CsNamespace);
        }
    }

    private static void Emit(CodeWriter w, TypeModel type, string typeNamespace)
    {
        switch (type)
        {
            case RecordType r:
                w.Summary(CodeWriter.Docs(r.Docs) ?? $"The WIT record <c>{r.WitName}</c>.");
                w.Line(GeneratedCode.Attribute);
                w.Line($"public sealed partial record {r.CsName}(");
                for (var i = 0; i < r.Fields.Count; i++)
                {
                    var f = r.Fields[i];
                    w.Line($"    {TypeNames.Cs(f.Type, typeNamespace)} {f.CsName}{(i + 1 < r.Fields.Count ? "," : ");")}");
                }
                break;
            case VariantType v:
                w.Summary(CodeWriter.Docs(v.Docs) ?? $"The WIT variant <c>{v.WitName}</c>: exactly one of the nested case types.");
                w.Line(GeneratedCode.Attribute);
                using (w.Open($"public abstract partial record {v.CsName}"))
                {
                    w.Line("// Closed: only the nested cases below derive from it.");
                    w.Line($"private {v.CsName}() {{ }}");
                    foreach (var c in v.Cases)
                    {
                        w.Line();
                        w.Summary(CodeWriter.Docs(c.Docs) ?? $"The case <c>{c.WitName}</c>.");
                        w.Line(GeneratedCode.Attribute);
                        w.Line(c.Payload is null
                            ? $"public sealed partial record {c.CsName}() : {v.CsName};"
                            : $"public sealed partial record {c.CsName}({TypeNames.Cs(c.Payload, typeNamespace)} Value) : {v.CsName};");
                    }
                }
                break;
            case EnumType e:
                w.Summary(CodeWriter.Docs(e.Docs) ?? $"The WIT enum <c>{e.WitName}</c>.");
                w.Line(GeneratedCode.Attribute);
                using (w.Open($"public enum {e.CsName} : {(e.Cases.Count <= 256 ? "byte" : e.Cases.Count <= 65536 ? "ushort" : "uint")}"))
                {
                    foreach (var c in e.Cases)
                    {
                        w.Summary(CodeWriter.Docs(c.Docs) ?? $"<c>{c.WitName}</c>");
                        w.Line(c.CsName + ",");
                    }
                }
                break;
            case FlagsType f:
                w.Summary(CodeWriter.Docs(f.Docs) ?? $"The WIT flags <c>{f.WitName}</c>.");
                w.Line(GeneratedCode.Attribute);
                w.Line("[global::System.Flags]");
                using (w.Open($"public enum {f.CsName} : uint"))
                {
                    if (f.Flags.All(c => c.CsName != "None"))
                    {
                        w.Line("/// <summary>No flag set.</summary>");
                        w.Line("None = 0,");
                    }
                    for (var i = 0; i < f.Flags.Count; i++)
                    {
                        w.Summary(CodeWriter.Docs(f.Flags[i].Docs) ?? $"<c>{f.Flags[i].WitName}</c>");
                        w.Line($"{f.Flags[i].CsName} = 1u << {i},");
                    }
                }
                break;
        }
    }
}
