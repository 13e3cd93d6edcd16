using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>
/// The imported functions of a component that C# can implement: those of interfaces outside WASI whose types map to
/// C#. The others get no binding (nothing is reported: the host links them to stubs, and calling one fails with an
/// error naming the import).
/// </summary>
internal sealed class ImportFunctionBuilder
{
    public IEnumerable<ImportFunctionModel> Build(ModuleFacts facts)
    {
        foreach (var import in facts.Imports ?? Array.Empty<ComponentImportFact>())
        {
            // WASI and the process mailbox (wippy:actor/process) are the host's own: nothing for the app to implement.
            if (import.Instance is null || import.Instance.StartsWith("wasi:", StringComparison.Ordinal) || import.Instance.StartsWith("wippy:actor/", StringComparison.Ordinal)) continue;
            var parsed = WitParser.ParseSignatures(import.SignatureWit, "(component import)");
            var scope = parsed.Document?.Interfaces.FirstOrDefault();
            var function = scope?.Functions.FirstOrDefault(fn => fn.Name == import.Function);
            if (scope is null || function is null || parsed.Diagnostics.Count > 0) continue;
            // A type C# cannot carry (a resource…) leaves the function to its stub: what the mapper reports is dropped.
            var unsupported = new ModelDiagnostics();
            var mapper = new WitTypeMapper(scope, facts.EntryId, unsupported);
            var parameters = function.Params.Select(p => new ParamModel(p.Name, CsNaming.Camel(p.Name), mapper.Map(p.Type)!)).ToList();
            var result = function.Result is null ? null : mapper.Map(function.Result);
            if (unsupported.Count > 0) continue;
            yield return new ImportFunctionModel(import.Instance, import.Function, CsNaming.Pascal(import.Function), parameters.ToEquatableArray(), result,
                WitSpelling.Signature(import.Function, parameters, result));
        }
    }
}
