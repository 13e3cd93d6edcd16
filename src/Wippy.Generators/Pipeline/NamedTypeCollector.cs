using Wippy.Diagnostics;
using Wippy.Generators.Model;
using Wippy.Modules;

namespace Wippy.Generators.Pipeline;

/// <summary>
/// The named WIT types (records, variants, enums, flags) a namespace's signatures use, in first-use order: each becomes
/// one C# type of the namespace, so a name two entries define differently is an error at the second one's signature.
/// </summary>
internal sealed class NamedTypeCollector(string registryNamespace, ModelDiagnostics diagnostics)
{
    private readonly Dictionary<string, (TypeModel Type, string Entry)> _seen = new(StringComparer.Ordinal);
    private readonly List<TypeModel> _order = new();

    /// <summary>The types collected so far.</summary>
    public EquatableArray<TypeModel> Types => _order.ToEquatableArray();

    /// <summary>Collects the named types inside <paramref name="types"/>, used by <paramref name="entryId"/> (whose signature is at <paramref name="signaturePosition"/>).</summary>
    public void Add(string entryId, SourcePosition signaturePosition, IEnumerable<TypeModel?> types)
    {
        foreach (var t in types) Visit(t, entryId, signaturePosition);
    }

    private void Visit(TypeModel? t, string entryId, SourcePosition signaturePosition)
    {
        switch (t)
        {
            case null: return;
            case ListType or OptionType or ResultType or TupleType:
                foreach (var child in t.Children()) Visit(child, entryId, signaturePosition);
                return;
            case PrimitiveType: return;
            case ResourceType: return; // its class comes with the entry's resources (ResourceClassModel), not as a WIT type
        }
        var name = CsNameOf(t);
        if (_seen.TryGetValue(name, out var prior))
        {
            if (!prior.Type.Equals(t))
            {
                diagnostics.Report(ModuleDiagnosticIds.ConflictingTypeDefinition, signaturePosition,
                    $"namespace '{registryNamespace}': the WIT type '{WitSpelling.Of(t)}' is defined differently by '{prior.Entry}' and '{entryId}'; give one of them another name or make the definitions equal");
            }
            return;
        }
        _seen[name] = (t, entryId);
        _order.Add(t);
        foreach (var child in t.Children()) Visit(child, entryId, signaturePosition); // a record's fields, a variant's payloads
    }

    /// <summary>The C# type name a named type gets (what two definitions must not share).</summary>
    private static string CsNameOf(TypeModel t) => t switch
    {
        RecordType r => r.CsName,
        VariantType v => v.CsName,
        EnumType e => e.CsName,
        FlagsType f => f.CsName,
        _ => throw new NotSupportedException(t.ToString()),
    };
}
