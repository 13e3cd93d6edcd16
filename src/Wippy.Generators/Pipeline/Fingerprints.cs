using System.Text;
using Wippy.Generators.Model;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// A function type with the type names left out, spelled exactly as the component reader spells it
/// (<c>Wippy.Modules.Components.ComponentBinary.FindFunction</c>), so a <c>wit:</c> signature can be checked
/// against the component's own type at build time, and the host can check it again when it loads the binary.
/// </summary>
internal static class Fingerprints
{
    public static string Of(IEnumerable<TypeModel> parameters, TypeModel? result)
    {
        var sb = new StringBuilder("func(");
        var first = true;
        foreach (var p in parameters)
        {
            if (!first) sb.Append(", ");
            first = false;
            Append(sb, p);
        }
        sb.Append(')');
        if (result is not null)
        {
            sb.Append(" -> ");
            Append(sb, result);
        }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, TypeModel? t)
    {
        switch (t)
        {
            case null: sb.Append('_'); break;
            case PrimitiveType p: sb.Append(p.Kind.ToString().ToLowerInvariant()); break;
            case ListType l: sb.Append("list<"); Append(sb, l.Element); sb.Append('>'); break;
            case OptionType o: sb.Append("option<"); Append(sb, o.Inner); sb.Append('>'); break;
            case ResultType r: sb.Append("result<"); Append(sb, r.Ok); sb.Append(", "); Append(sb, r.Err); sb.Append('>'); break;
            case TupleType tu:
                sb.Append("tuple<");
                for (var i = 0; i < tu.Elements.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Append(sb, tu.Elements[i]);
                }
                sb.Append('>');
                break;
            case RecordType r:
                sb.Append("record { ");
                for (var i = 0; i < r.Fields.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(r.Fields[i].WitName).Append(": ");
                    Append(sb, r.Fields[i].Type);
                }
                sb.Append(" }");
                break;
            case VariantType v:
                sb.Append("variant { ");
                for (var i = 0; i < v.Cases.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    sb.Append(v.Cases[i].WitName);
                    if (v.Cases[i].Payload is { } payload)
                    {
                        sb.Append('(');
                        Append(sb, payload);
                        sb.Append(')');
                    }
                }
                sb.Append(" }");
                break;
            case EnumType e: sb.Append("enum { ").Append(string.Join(", ", e.Cases.Select(c => c.WitName))).Append(" }"); break;
            case FlagsType f: sb.Append("flags { ").Append(string.Join(", ", f.Flags.Select(c => c.WitName))).Append(" }"); break;
            default: sb.Append("handle"); break;
        }
    }
}
