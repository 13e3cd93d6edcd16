using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits one C# interface per WIT interface the namespace's components import (outside WASI): what the app implements
/// and registers as a service. The adapters that call it are in the ABI file (<see cref="ComponentValEmitter.EmitImportAdapter"/>).
/// </summary>
internal static class ImportInterfaceEmitter
{
    public static void EmitAll(CodeWriter w, NamespaceModel ns)
    {
        var first = true;
        foreach (var iface in ns.ImportInterfaces)
        {
            if (!first) w.Line();
            first = false;
            Emit(w, ns, iface);
        }
    }

    private static void Emit(CodeWriter w, NamespaceModel ns, ImportInterfaceModel iface)
    {
        w.Summary($"The WIT interface <c>{CodeWriter.Escape(iface.Instance)}</c>, which components of <c>{ns.RegistryNamespace}</c> import. Implement it and register the implementation as a service (e.g. <c>services.AddSingleton&lt;{iface.CsName}, MyImplementation&gt;()</c>); the host calls it when a guest calls the import. An exception thrown here fails the guest's call with an error naming the import.");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"public interface {iface.CsName}"))
        {
            var first = true;
            foreach (var f in iface.Functions)
            {
                if (!first) w.Line();
                first = false;
                var result = f.Result is null ? "void" : TypeNames.Cs(f.Result, ns.CsNamespace);
                w.Line($"/// <summary><c>{CodeWriter.Escape(f.WitSignature)}</c></summary>");
                w.Line($"{result} {f.CsName}({string.Join(", ", f.Params.Select(p => $"{TypeNames.Cs(p.Type, ns.CsNamespace)} {p.CsName}"))});");
            }
        }
    }
}
