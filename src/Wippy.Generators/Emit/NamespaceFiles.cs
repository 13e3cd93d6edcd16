using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// The files emitted for one registry namespace, one per concern, each only when it has content:
/// <list type="bullet">
/// <item><c>Wippy.&lt;ns&gt;.Proxy.g.cs</c>: the typed proxy class (always: the registration and apps refer to it);</item>
/// <item><c>.Types.g.cs</c>: the C# types of the WIT types its signatures use;</item>
/// <item><c>.Imports.g.cs</c>: the C# interfaces of the WIT interfaces its components import;</item>
/// <item><c>.Abi.g.cs</c>: the Canonical ABI code of its core-module calls, and the component-model calls and import adapters;</item>
/// <item><c>.Json.g.cs</c> and <c>.Lua.g.cs</c>: the JSON binders (the command line's <c>call</c>) and the Lua binders (<c>funcs.call</c>, typed Lua proxies);</item>
/// <item><c>.Registration.g.cs</c>: the descriptors of its entries (always: the app's registration lists them).</item>
/// </list>
/// </summary>
internal static class NamespaceFiles
{
    public static IReadOnlyList<GeneratedFile> Emit(NamespaceModel ns)
    {
        var files = new List<GeneratedFile>
        {
            GeneratedFile.ForNamespace(ns, "Proxy", "the typed proxy", w => ProxyEmitter.Emit(w, ns)),
        };
        if (ns.NamedTypes.Count > 0)
        {
            files.Add(GeneratedFile.ForNamespace(ns, "Types", "the C# types of its WIT types", w => WitTypeEmitter.EmitAll(w, ns)));
        }
        if (ResourceEmitter.Classes(ns).Count > 0)
        {
            files.Add(GeneratedFile.ForNamespace(ns, "Resources", "the classes of the resources its components export", w => ResourceEmitter.EmitClasses(w, ns)));
        }
        if (ns.ImportInterfaces.Count > 0)
        {
            files.Add(GeneratedFile.ForNamespace(ns, "Imports", "the C# interfaces of the WIT interfaces its components import", w => ImportInterfaceEmitter.EmitAll(w, ns)));
        }
        if (AbiEmitter.HasContent(ns))
        {
            files.Add(GeneratedFile.ForNamespace(ns, "Abi", "Canonical ABI code", w => AbiEmitter.Emit(w, ns)));
        }
        if (JsonBinderEmitter.HasContent(ns))
        {
            files.Add(GeneratedFile.ForNamespace(ns, "Json", "JSON binders", w => JsonBinderEmitter.Emit(w, ns)));
        }
        if (LuaBinderEmitter.HasContent(ns))
        {
            files.Add(GeneratedFile.ForNamespace(ns, "Lua", "Lua binders", w => LuaBinderEmitter.Emit(w, ns)));
        }
        files.Add(GeneratedFile.ForNamespace(ns, "Registration", "the descriptors of its entries", w => RegistrationEmitter.EmitNamespaceEntries(w, ns)));
        return files;
    }
}
