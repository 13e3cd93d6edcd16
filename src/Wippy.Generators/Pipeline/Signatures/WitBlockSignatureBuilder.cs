using Wippy.Diagnostics;
using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Signatures;

/// <summary>
/// The signature from a bare WIT signature block: functions with the type definitions written beside them, as an
/// inline <c>wit: |</c>, a <c>wit: file://x.wit</c> that is not a package, or the block a component carries.
/// </summary>
internal sealed class WitBlockSignatureBuilder(ModelDiagnostics diagnostics)
{
    /// <summary>The signature of <paramref name="functionName"/> in the block, or null after reporting why not.</summary>
    /// <param name="entryId">The entry, for messages.</param>
    /// <param name="parsed">The block, parsed as signatures (its parse diagnostics are reported here).</param>
    /// <param name="functionName">The function to find.</param>
    /// <param name="witPosition">Where a missing function is reported (the entry's <c>wit:</c>).</param>
    /// <param name="componentKey">
    /// For the block a component carries: the function's export key. Then handles to the resources the block defines
    /// (those the component exports) may be the function's parameters and result, and their classes come with the signature.
    /// </param>
    public Signature? Build(string entryId, WitParseResult parsed, string functionName, SourcePosition witPosition, string? componentKey = null)
    {
        diagnostics.Forward(parsed.Diagnostics);
        if (parsed.Document is null || ModelDiagnostics.HasErrors(parsed.Diagnostics)) return null;
        var scope = parsed.Document.Interfaces.FirstOrDefault();
        var function = scope?.Functions.FirstOrDefault(fn => string.Equals(fn.Name, functionName, StringComparison.Ordinal));
        if (scope is null || function is null)
        {
            var names = scope?.Functions.Select(fn => fn.Name).ToList() ?? new List<string>();
            diagnostics.Report(ModuleDiagnosticIds.WitFunctionNotFound, witPosition,
                $"entry '{entryId}': the wit signature declares no function '{functionName}'; add \"{functionName}: func(...) -> ...;\"" +
                (names.Count > 0 ? $" or set method to one of: {string.Join(", ", names)}" : ""));
            return null;
        }
        var mapper = new WitTypeMapper(scope, entryId, diagnostics) { AllowsResourceHandles = componentKey is not null };
        var signature = WitFunctionMapping.Map(function, mapper, diagnostics);
        if (signature is null || componentKey is null || mapper.UsedResources.Count == 0) return signature;
        return WitFunctionMapping.Resources(mapper, WitFunctionMapping.InterfaceOf(componentKey), diagnostics) is { } resources ? signature with { Resources = resources } : null;
    }
}
