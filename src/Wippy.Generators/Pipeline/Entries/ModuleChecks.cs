using Wippy.Generators.Abi;
using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>
/// Checks a function entry against what the build step found in its module: the export exists, the signature lowers to
/// the export's core type (Canonical ABI), a signature that passes values through memory has <c>memory</c> and
/// <c>cabi_realloc</c> to do it with, and a component's function has the type the signature says.
/// </summary>
internal sealed class ModuleChecks(ModelDiagnostics diagnostics)
{
    /// <summary>For a core module: the export <c>method</c> names is a function. True when it is, or nothing is known.</summary>
    public bool ExportExists(FunctionEntry f, ModuleFacts? facts, ModuleExportFact? export)
    {
        if (facts is null || (export is not null && export.Kind == "func")) return true;
        var funcs = facts.Exports.Where(e => e.Kind == "func").Select(e => e.Name).ToList();
        diagnostics.Report(ModuleDiagnosticIds.ExportNotFound, f.PositionOf("method"),
            $"entry '{f.Id}': the module exports no function '{f.Method}'; write one of: {(funcs.Count == 0 ? "(none)" : string.Join(", ", funcs))}");
        return false;
    }

    /// <summary>For a component: the signature has the type of the component's function (type names left out).</summary>
    public bool MatchesComponent(FunctionEntry f, ComponentFunctionFact component, Signature signature)
    {
        var fingerprint = Fingerprints.Of(signature.Params.Select(p => p.Type), signature.Result);
        if (fingerprint == component.Fingerprint) return true;
        diagnostics.Report(ModuleDiagnosticIds.SignatureMismatch, SignaturePosition(f),
            $"entry '{f.Id}': the component's function '{component.Key}' has the type {component.Fingerprint}, but the wit: signature '{signature.WitText}' is {fingerprint}; " +
            $"write the component's own signature (it is: {component.SignatureWit.Trim().Replace("\n", " ")}), or remove wit: to use it");
        return false;
    }

    /// <summary>For a core call: the signature lowers to the export's core type, and memory-passing finds memory and cabi_realloc.</summary>
    public bool MatchesCoreExport(FunctionEntry f, Signature signature, ModuleFacts? facts, ModuleExportFact? export)
    {
        if (facts is null || export is null) return true;
        var wantParams = CoreSignature.Params(signature.Params).Select(CoreSignature.Name).ToList();
        var wantResults = CoreSignature.Results(signature.Result).Select(CoreSignature.Name).ToList();
        if (!wantParams.SequenceEqual(export.Params) || !wantResults.SequenceEqual(export.Results))
        {
            diagnostics.Report(ModuleDiagnosticIds.SignatureMismatch, SignaturePosition(f),
                $"entry '{f.Id}': the signature '{signature.WitText}' lowers to the core type ({string.Join(", ", wantParams)}) -> ({string.Join(", ", wantResults)}), " +
                $"but the export '{export.Name}' has ({string.Join(", ", export.Params)}) -> ({string.Join(", ", export.Results)}); fix the wit: signature to match the module");
            return false;
        }
        if (NeedsMemory(signature))
        {
            var missing = new[] { "memory", "cabi_realloc" }.Where(n => facts.FindExport(n) is null).ToList();
            if (missing.Count > 0)
            {
                diagnostics.Report(ModuleDiagnosticIds.MissingMemoryOrRealloc, SignaturePosition(f),
                    $"entry '{f.Id}': the signature passes strings, lists or results through linear memory, but the module does not export {string.Join(" or ", missing)}; export them (cabi_realloc(old_ptr, old_size, align, new_size) -> ptr)");
                return false;
            }
        }
        return true;
    }

    /// <summary>Where a signature problem is reported: the entry's <c>wit:</c>, or its <c>method</c> without one.</summary>
    public static Wippy.Diagnostics.SourcePosition SignaturePosition(FunctionEntry f) => f.Wit?.Position ?? f.PositionOf("method");

    /// <summary>
    /// True when the call needs the guest's memory and allocator: a string or list anywhere (their bytes live in memory),
    /// or more parameters or results than pass flat (they go through memory as a tuple or a return area).
    /// </summary>
    private static bool NeedsMemory(Signature s)
    {
        bool Uses(TypeModel? t) => t switch
        {
            null => false,
            PrimitiveType p => p.Kind == PrimitiveKind.String,
            ListType => true,
            OptionType o => Uses(o.Inner),
            ResultType r => Uses(r.Ok) || Uses(r.Err),
            TupleType t2 => t2.Elements.Any(Uses),
            RecordType r => r.Fields.Any(x => Uses(x.Type)),
            VariantType v => v.Cases.Any(c => Uses(c.Payload)),
            _ => false,
        };
        return s.Params.Any(p => Uses(p.Type)) || Uses(s.Result)
            || CoreSignature.ParamsInMemory(s.Params) || CoreSignature.ResultInMemory(s.Result);
    }
}
