using Wippy.Diagnostics;
using Wippy.Generators.Model;
using Wippy.Modules;
using Wippy.Registry;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Signatures;

/// <summary>
/// The signature of a component's function without <c>wit:</c>: the WIT signature block the component carries,
/// as the build step read it from the binary (<see cref="ComponentFunctionFact.SignatureWit"/>).
/// </summary>
internal sealed class ComponentSignatureBuilder(ModelDiagnostics diagnostics)
{
    public Signature? Build(FunctionEntry f, ComponentFunctionFact component)
    {
        var where = f.PositionOf(f.IsWat ? "source" : "path");
        var parsed = WitParser.ParseSignatures(component.SignatureWit, where.FilePath);
        var inBlock = new ModelDiagnostics();
        // Resources the component defines cross only through the component model (a direct call has no handle table).
        var resourcesAt = component.CoreExport is null ? component.Key : null;
        var signature = new WitBlockSignatureBuilder(inBlock).Build(f.Id, parsed, WitFunctionMapping.FunctionName(component.Key), where, resourcesAt);
        // Positions inside text read from a binary mean nothing to the user: point at the entry, and quote the text.
        var carried = $" (in the signature the component carries: {component.SignatureWit.Trim().Replace("\n", " ")}; add a wit: signature to choose other types)";
        diagnostics.Forward(inBlock.Items.Select(d => new WippyDiagnostic(d.Id, d.Message + carried, where)));
        return signature;
    }
}
