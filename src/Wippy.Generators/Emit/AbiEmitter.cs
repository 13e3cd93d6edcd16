using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits a namespace's ABI file: <c>&lt;Class&gt;Abi</c>, the Canonical ABI code of the functions called in a core
/// module (one method per function, the adapters of the imports planned components lower, then the per-type
/// helpers), and <c>&lt;Class&gt;Components</c>, the calls made
/// through Wasmtime's component model and the adapters of the functions components import.
/// </summary>
internal static class AbiEmitter
{
    /// <summary>True when the namespace has a function or an imported interface, so there is ABI code to emit.</summary>
    public static bool HasContent(NamespaceModel ns) => ns.Functions.Count > 0 || ns.ImportInterfaces.Count > 0;

    /// <summary>The class holding the ABI method of <paramref name="f"/>.</summary>
    public static string ClassOf(NamespaceModel ns, FunctionModel f) => ns.CsClassName + (f.CallsComponentModel ? "Components" : "Abi");

    public static void Emit(CodeWriter w, NamespaceModel ns)
    {
        var core = ns.Functions.Where(f => !f.CallsComponentModel).ToList();
        var first = true;
        if (core.Count > 0)
        {
            EmitCore(w, ns, core);
            first = false;
        }
        if (ns.Functions.Any(f => f.CallsComponentModel) || ns.ImportInterfaces.Count > 0)
        {
            if (!first) w.Line();
            EmitComponents(w, ns);
        }
    }

    private static void EmitCore(CodeWriter w, NamespaceModel ns, IReadOnlyList<FunctionModel> functions)
    {
        var helpers = new AbiHelperEmitter(ns.CsNamespace);
        w.Line($"/// <summary>Canonical ABI code for the core modules of <c>{ns.RegistryNamespace}</c>: one method per function, then the per-type helpers.</summary>");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"internal static partial class {ns.CsClassName}Abi"))
        {
            var first = true;
            foreach (var f in functions)
            {
                if (!first) w.Line();
                first = false;
                CoreCallEmitter.Emit(w, f, helpers, ns.CsNamespace);
            }
            // The imports of planned components (called directly, their imports lowered here), each adapter once.
            var lowered = new HashSet<(string, string)>(functions.SelectMany(f => f.ComponentImports).Select(i => (i.Instance, i.WitName)));
            foreach (var iface in ns.ImportInterfaces)
            {
                foreach (var import in iface.Functions.Where(i => lowered.Contains((i.Instance, i.WitName))))
                {
                    w.Line();
                    CoreImportEmitter.Emit(w, iface, import, helpers, ns.CsNamespace, awaiting: false);
                    w.Line();
                    CoreImportEmitter.Emit(w, iface, import, helpers, ns.CsNamespace, awaiting: true);
                }
            }
            helpers.EmitAll(w);
        }
    }

    /// <summary>The functions called through Wasmtime's component model, the adapters of imported functions, and their value helpers.</summary>
    private static void EmitComponents(CodeWriter w, NamespaceModel ns)
    {
        var values = new ComponentValEmitter(ns.CsNamespace);
        w.Line($"/// <summary>Calls of <c>{ns.RegistryNamespace}</c> through Wasmtime's component model (Wasmtime's value layout, written and read here), and the adapters of the functions components import.</summary>");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"internal static partial class {ns.CsClassName}Components"))
        {
            var first = true;
            foreach (var f in ns.Functions.Where(f => f.CallsComponentModel))
            {
                if (!first) w.Line();
                first = false;
                values.EmitCall(w, f);
                w.Line();
                values.EmitCallAsync(w, f);
            }
            foreach (var member in ResourceEmitter.Members(ns))
            {
                if (!first) w.Line();
                first = false;
                values.EmitCall(w, member.Model);
                w.Line();
                values.EmitCallAsync(w, member.Model);
            }
            foreach (var iface in ns.ImportInterfaces)
            {
                foreach (var import in iface.Functions)
                {
                    if (!first) w.Line();
                    first = false;
                    values.EmitImportAdapter(w, iface, import);
                    if (import.UsesResources) continue; // synchronous only
                    w.Line();
                    values.EmitAsyncImportAdapter(w, iface, import);
                }
            }
            values.EmitAll(w);
        }
    }
}
