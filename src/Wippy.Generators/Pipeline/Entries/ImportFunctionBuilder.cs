using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>
/// The imported functions of a component that C# can implement: those of interfaces outside WASI whose types map to
/// C#, and the constructors, methods and static functions of the resources they define (made from the resource's
/// definition, which the build step writes into each block). The others get no binding (nothing is reported: the host
/// links them to stubs, and calling one fails with an error naming the import).
/// </summary>
internal sealed class ImportFunctionBuilder
{
    public IEnumerable<ImportFunctionModel> Build(ModuleFacts facts)
    {
        var expanded = new HashSet<string>(StringComparer.Ordinal); // instance#resource whose members are made
        foreach (var import in facts.Imports ?? Array.Empty<ComponentImportFact>())
        {
            // WASI and the process mailbox (wippy:actor/process) are the host's own: nothing for the app to implement.
            if (import.Instance is null || import.Instance.StartsWith("wasi:", StringComparison.Ordinal) || import.Instance.StartsWith("wippy:actor/", StringComparison.Ordinal)) continue;
            // A resource's member ([method]tally.add): its block without its own line (a name WIT cannot spell) defines the resource.
            var isMember = import.Function.StartsWith("[", StringComparison.Ordinal);
            var text = isMember ? WithoutLastLine(import.SignatureWit) : import.SignatureWit;
            var parsed = WitParser.ParseSignatures(text, "(component import)");
            var scope = parsed.Document?.Interfaces.FirstOrDefault();
            if (scope is null || parsed.Diagnostics.Count > 0) continue;
            // A type C# cannot carry (a future, a stream…) leaves the function to its stub: what the mapper reports is dropped.
            var unsupported = new ModelDiagnostics();
            var mapper = new WitTypeMapper(scope, facts.EntryId, unsupported) { AllowsResourceHandles = true, ResourcesAreImported = true };
            if (!isMember)
            {
                var function = scope.Functions.FirstOrDefault(fn => fn.Name == import.Function);
                if (function is null) continue;
                var parameters = function.Params.Select(p => new ParamModel(p.Name, CsNaming.Camel(p.Name), mapper.Map(p.Type)!)).ToList();
                var result = function.Result is null ? null : mapper.Map(function.Result);
                if (unsupported.Count > 0) continue;
                yield return new ImportFunctionModel(import.Instance, import.Function, CsNaming.Pascal(import.Function), parameters.ToEquatableArray(), result,
                    WitSpelling.Signature(import.Function, parameters, result));
            }
            else if (ResourceOf(import.Function) is { } name && scope.TypeDefs.OfType<WitResource>().FirstOrDefault(r => r.Name == name) is { } resource)
            {
                mapper.Map(new WitNamedType(resource.Name, resource.Position)); // the resource itself, so its members come below
            }
            foreach (var member in Members(import.Instance, mapper, unsupported, expanded)) yield return member;
        }
    }

    /// <summary>The members of every resource <paramref name="mapper"/> met that were not made yet.</summary>
    private static IEnumerable<ImportFunctionModel> Members(string instance, WitTypeMapper mapper, ModelDiagnostics unsupported, HashSet<string> expanded)
    {
        if (mapper.UsedResources.Count == 0 || unsupported.Count > 0) yield break;
        var classes = Signatures.WitFunctionMapping.Resources(mapper, instance, unsupported);
        if (classes is null) yield break; // a member's type C# cannot carry: the members stay stubs
        foreach (var c in classes)
        {
            if (!expanded.Add(instance + "#" + c.WitName)) continue;
            var self = new ResourceType(c.WitName, c.CsName, IsBorrow: false) { IsImported = true };
            foreach (var m in c.Members)
            {
                var witName = m.Key.Substring(m.Key.IndexOf('#') + 1);
                var csName = m.Kind switch
                {
                    ResourceMemberKind.Constructor => "New" + c.CsName,
                    ResourceMemberKind.Static => c.CsName + CsNaming.Pascal(m.WitName),
                    _ => m.CsName,
                };
                yield return new ImportFunctionModel(instance, witName, csName, m.Params, m.Result, m.WitSignature) { Member = m.Kind, Resource = self };
            }
        }
    }

    /// <summary><c>tally</c> from <c>[constructor]tally</c>, <c>[method]tally.add</c> or <c>[static]tally.open</c>; null otherwise.</summary>
    private static string? ResourceOf(string function)
    {
        var close = function.IndexOf(']');
        if (close < 0) return null;
        var rest = function.Substring(close + 1);
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest.Substring(0, dot);
    }

    private static string WithoutLastLine(string block)
    {
        var text = block.TrimEnd('\n');
        var last = text.LastIndexOf('\n');
        return last < 0 ? "" : text.Substring(0, last + 1);
    }
}
