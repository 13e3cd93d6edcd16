using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline.Signatures;

/// <summary>
/// The signature of a core module's function without <c>wit:</c>: its export's core type, as the build step read it,
/// with i32/i64/f32/f64 taken as s32/s64/f32/f64 and the parameters named <c>p0</c>, <c>p1</c>…
/// </summary>
internal sealed class CoreTypeSignatureBuilder(ModelDiagnostics diagnostics)
{
    /// <param name="f">The entry.</param>
    /// <param name="export">Its export, or null when no facts are known about its module.</param>
    /// <param name="factsRefused">True when the facts file could not be read (already reported): a missing export is then not reported again.</param>
    public Signature? Build(FunctionEntry f, ModuleExportFact? export, bool factsRefused)
    {
        if (export is null)
        {
            // No facts because of an error already reported for the entry (a dangling fs:, a missing file, a method
            // the module does not export): that one is the error to read, not this follow-on.
            if (!factsRefused && !diagnostics.HasErrorFor(f.Id))
            {
                diagnostics.Report(ModuleDiagnosticIds.NoSignature, f.PositionOf("method"),
                    $"entry '{f.Id}': no signature is known; add e.g. \"wit: {f.Method}: func(a: s32) -> s32;\" or build with the Wippy build targets so the module's core type can be read");
            }
            return null;
        }
        var parameters = new List<ParamModel>();
        for (var i = 0; i < export.Params.Count; i++)
        {
            var t = FromCore(export.Params[i]);
            if (t is null) return Unsupported(f, export);
            parameters.Add(new ParamModel("p" + i, "p" + i, t));
        }
        if (export.Results.Count > 1) return Unsupported(f, export);
        TypeModel? result = null;
        if (export.Results.Count == 1 && (result = FromCore(export.Results[0])) is null) return Unsupported(f, export);
        return Signature.Of(f.Method!, parameters, result);
    }

    private Signature? Unsupported(FunctionEntry f, ModuleExportFact export)
    {
        diagnostics.Report(ModuleDiagnosticIds.UnsupportedCoreSignature, f.PositionOf("method"),
            $"entry '{f.Id}': the export '{export.Name}' has the core type ({string.Join(", ", export.Params)}) -> ({string.Join(", ", export.Results)}), which has no WIT equivalent; add a wit: signature");
        return null;
    }

    private static TypeModel? FromCore(string core) => core switch
    {
        "i32" => new PrimitiveType(PrimitiveKind.S32),
        "i64" => new PrimitiveType(PrimitiveKind.S64),
        "f32" => new PrimitiveType(PrimitiveKind.F32),
        "f64" => new PrimitiveType(PrimitiveKind.F64),
        _ => null,
    };
}
