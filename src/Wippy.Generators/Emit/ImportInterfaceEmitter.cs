using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits two C# interfaces per WIT interface the namespace's components import (outside WASI), one synchronous and one
/// awaiting: what the app implements (either) and registers as a service. The adapters that call it are in the ABI file (<see cref="ComponentValEmitter.EmitImportAdapter"/>).
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
            foreach (var resource in Resources(iface))
            {
                w.Line();
                EmitResource(w, ns, iface, resource);
            }
        }
    }

    /// <summary>The resources the interface's functions use, each once.</summary>
    private static IEnumerable<ResourceType> Resources(ImportInterfaceModel iface) =>
        iface.Functions
            .SelectMany(f => f.Params.Select(p => p.Type).Append(f.Result).Append(f.Resource))
            .OfType<ResourceType>()
            .GroupBy(r => r.CsName, StringComparer.Ordinal)
            .Select(g => g.First())
            .OrderBy(r => r.CsName, StringComparer.Ordinal);

    /// <summary>The C# interface of an imported resource: its WIT methods; the guest's drop is <c>Dispose</c>.</summary>
    private static void EmitResource(CodeWriter w, NamespaceModel ns, ImportInterfaceModel iface, ResourceType resource)
    {
        w.Summary($"The resource <c>{resource.WitName}</c> of <c>{CodeWriter.Escape(iface.Instance)}</c>, which the app implements: an object is what a guest's handle stands for. " +
            $"The host keeps it while the guest holds a handle, and disposes it when the guest drops its last own handle (or its store ends). " +
            $"Objects are made by the app: its constructor and the functions returning one are methods of <see cref=\"{iface.CsName}\"/>.");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"public interface I{resource.CsName} : global::System.IDisposable"))
        {
            var first = true;
            foreach (var f in iface.Functions.Where(f => f.Member == ResourceMemberKind.Method && f.Resource?.CsName == resource.CsName))
            {
                if (!first) w.Line();
                first = false;
                var parameters = f.Params.Skip(1).Select(p => $"{TypeNames.Cs(p.Type, ns.CsNamespace)} {p.CsName}");
                var result = f.Result is null ? "void" : TypeNames.Cs(f.Result, ns.CsNamespace);
                w.Line($"/// <summary><c>{CodeWriter.Escape(f.WitSignature)}</c></summary>");
                EmitLendsSeveralRemark(w, f);
                w.Line($"{result} {f.CsName}({string.Join(", ", parameters)});");
            }
        }
    }

    /// <summary>The remark on a function Wasmtime's C API cannot call with more than one borrowed handle.</summary>
    private static void EmitLendsSeveralRemark(CodeWriter w, ImportFunctionModel f)
    {
        if (!f.LendsSeveral) return;
        w.Line("/// <remarks>A guest's call lending more than one handle here fails before it reaches this method (Unavailable): Wasmtime 50.0.1's C API cannot pass more than one borrowed handle to a host function. One works, and own handles (a list of them) have no such limit.</remarks>");
    }

    private static void Emit(CodeWriter w, NamespaceModel ns, ImportInterfaceModel iface)
    {
        w.Summary($"The WIT interface <c>{CodeWriter.Escape(iface.Instance)}</c>, which components of <c>{ns.RegistryNamespace}</c> import. Implement it and register the implementation as a service (e.g. <c>services.AddSingleton&lt;{iface.CsName}, MyImplementation&gt;()</c>); the host calls it when a guest calls the import. An exception thrown here fails the guest's call with an error naming the import. An implementation that awaits implements <see cref=\"{iface.AsyncCsName}\"/> instead.");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"public interface {iface.CsName}"))
        {
            EmitMethods(w, ns, iface, awaiting: false);
        }
        w.Line();
        w.Summary($"The WIT interface <c>{CodeWriter.Escape(iface.Instance)}</c> for implementations that await (I/O, other services): register one as a service instead of <see cref=\"{iface.CsName}\"/> (which wins when both are). While an operation is pending, a guest on a fiber is suspended and holds no thread; other guests block theirs. The token is cancelled when the guest's call passes its time limit or its caller cancels, and the call then fails with that, whatever the operation does.");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"public interface {iface.AsyncCsName}"))
        {
            EmitMethods(w, ns, iface, awaiting: true);
        }
    }

    private static void EmitMethods(CodeWriter w, NamespaceModel ns, ImportInterfaceModel iface, bool awaiting)
    {
        var first = true;
        // A resource's methods are its own interface's; functions where resources cross are synchronous only.
        foreach (var f in iface.Functions.Where(f => f.Member != ResourceMemberKind.Method && !(awaiting && f.UsesResources)))
        {
            if (!first) w.Line();
            first = false;
            var parameters = f.Params.Select(p => $"{TypeNames.Cs(p.Type, ns.CsNamespace)} {p.CsName}").ToList();
            w.Line($"/// <summary><c>{CodeWriter.Escape(f.WitSignature)}</c></summary>");
            EmitLendsSeveralRemark(w, f);
            if (awaiting)
            {
                var result = f.Result is null ? HostApi.ValueTask : $"{HostApi.ValueTask}<{TypeNames.Cs(f.Result, ns.CsNamespace)}>";
                parameters.Add("global::System.Threading.CancellationToken cancellationToken"); // no parameter is called that (CsNaming reserves it)
                w.Line($"{result} {f.CsName}Async({string.Join(", ", parameters)});");
            }
            else
            {
                var result = f.Result is null ? "void" : TypeNames.Cs(f.Result, ns.CsNamespace);
                w.Line($"{result} {f.CsName}({string.Join(", ", parameters)});");
            }
        }
    }
}
