using System.Text;

namespace Wippy.Modules.Components;

/// <summary>An exported component function found by <see cref="ComponentBinary.FindFunction"/>.</summary>
/// <param name="Key">Its full name: <c>transform-users</c> for a top-level export, <c>wippy:test/echo#echo-string</c> for a function of an exported interface.</param>
/// <param name="Name">The function's own name (<c>echo-string</c>).</param>
/// <param name="SignatureWit">
/// A self-contained WIT signature block: the definitions of the named types the function uses, then the function,
/// e.g. <c>record point { x: s32, y: s32 }</c> and <c>echo-point: func(p: point) -> point;</c>, one per line.
/// </param>
/// <param name="Fingerprint">The function type with every name of a type left out (see <see cref="ComponentBinary.FindFunction"/>).</param>
/// <param name="Lift">How the function is lifted from core code, when that could be followed; else null.</param>
public sealed record ComponentFunctionInfo(string Key, string Name, string SignatureWit, string Fingerprint, ComponentLift? Lift)
{
    /// <summary>Whether a parameter or the result holds a resource handle (or a stream or future), anywhere inside.</summary>
    internal bool HoldsHandle { get; init; }
}

public sealed partial class ComponentBinary
{
    private readonly ComponentCoreLayout.Result _layout;

    /// <summary>
    /// Null when the component is one core module, instantiated once without imports, that generated code can call
    /// directly (the core module is <see cref="CoreModules"/>[0]); otherwise why not, e.g. "it lowers imported
    /// functions into its core module".
    /// </summary>
    public string? DirectCallProblem => _layout.DirectCallProblem;

    /// <summary>
    /// Every exported function as a <c>method:</c> would name it: top-level functions by name, functions of exported
    /// interfaces as <c>ns:pkg/iface@version#func</c>.
    /// </summary>
    public IReadOnlyList<string> FunctionKeys
    {
        get
        {
            var keys = new List<string>();
            foreach (var e in Exports)
            {
                if (e.Kind == ComponentExternKind.Func) keys.Add(e.Name);
                else if (e.Kind == ComponentExternKind.Instance && e.ResolvedType is { } t && ComponentTypePrinter.Strip(t) is CInstance inst)
                {
                    foreach (var x in inst.Exports)
                    {
                        if (x.Kind == ComponentExternKind.Func) keys.Add(e.Name + "#" + x.Name);
                    }
                }
            }
            return keys;
        }
    }

    /// <summary>
    /// Finds the exported function a registry <c>method:</c> names: <c>f</c> (a top-level export),
    /// <c>iface#f</c> (an exported interface by its short name), <c>ns:pkg/iface#f</c> (any version) or
    /// <c>ns:pkg/iface@1.2.3#f</c> (exactly). Null when there is none (or the name is ambiguous: two versions of one
    /// interface, or a type that could not be followed); <see cref="FunctionKeys"/> lists what exists.
    /// <para>
    /// The <see cref="ComponentFunctionInfo.Fingerprint"/> spells the type structurally, so two signatures agree
    /// exactly when the Canonical ABI treats them alike: <c>func(T, …) -> R</c> (<c>func(T, …)</c> without result),
    /// primitives by their WIT names, <c>list&lt;T&gt;</c>, <c>option&lt;T&gt;</c>, <c>result&lt;T, E&gt;</c> with <c>_</c> for a missing
    /// side, <c>tuple&lt;A, B&gt;</c>, <c>record { a: T, b: U }</c>, <c>variant { a(T), b }</c>, <c>enum { a, b }</c>,
    /// <c>flags { a, b }</c>, <c>handle</c> for resources and handles.
    /// </para>
    /// </summary>
    /// <param name="method">The <c>method:</c> of a registry entry.</param>
    public ComponentFunctionInfo? FindFunction(string method)
    {
        if (string.IsNullOrEmpty(method)) return null;
        var hash = method.IndexOf('#');
        if (hash < 0)
        {
            var f = FindExport(method);
            if (f is null || f.Kind != ComponentExternKind.Func || f.ResolvedType is null || ComponentTypePrinter.Strip(f.ResolvedType) is not CFunc fn) return null;
            return Info(f.Name, f.Name, fn);
        }
        var iface = method.Substring(0, hash);
        var name = method.Substring(hash + 1);
        ComponentExtern? match = null;
        foreach (var e in Exports)
        {
            if (e.Kind != ComponentExternKind.Instance) continue;
            var baseName = e.Version is null ? e.Name : e.Name.Substring(0, e.Name.Length - e.Version.Length - 1);
            var matches = e.Name == iface || baseName == iface || (iface.IndexOf(':') < 0 && iface.IndexOf('/') < 0 && (e.Interface ?? e.Name) == iface);
            if (!matches) continue;
            if (e.Name == iface) { match = e; break; }
            if (match is not null) return null; // ambiguous: e.g. two versions
            match = e;
        }
        if (match?.ResolvedType is null || ComponentTypePrinter.Strip(match.ResolvedType) is not CInstance instance) return null;
        var member = instance.Find(name);
        if (member is null || member.Kind != ComponentExternKind.Func || member.Type is null || ComponentTypePrinter.Strip(member.Type) is not CFunc mf) return null;
        return Info(match.Name + "#" + name, name, mf, instance);
    }

    /// <summary>
    /// Every function the component imports, with its signature block and fingerprint: <see cref="ComponentFunctionInfo.Key"/>
    /// is <c>ns:pkg/iface@version#f</c> for a function of an imported interface, <c>f</c> for a top-level import
    /// (Lift is null). Functions whose types could not be followed are left out.
    /// </summary>
    public IReadOnlyList<ComponentFunctionInfo> ImportedFunctions
    {
        get
        {
            var list = new List<ComponentFunctionInfo>();
            foreach (var i in Imports)
            {
                if (i.ResolvedType is null) continue;
                var t = ComponentTypePrinter.Strip(i.ResolvedType);
                if (i.Kind == ComponentExternKind.Func && t is CFunc f && Info(i.Name, i.Name, f) is { } top) list.Add(top);
                if (i.Kind != ComponentExternKind.Instance || t is not CInstance inst) continue;
                foreach (var x in inst.Exports)
                {
                    if (x.Kind == ComponentExternKind.Func && x.Type is not null && ComponentTypePrinter.Strip(x.Type) is CFunc xf
                        && Info(i.Name + "#" + x.Name, x.Name, xf, inst) is { } member)
                    {
                        list.Add(member);
                    }
                }
            }
            return list;
        }
    }

    /// <summary>
    /// The component's type of the function it imports as <paramref name="function"/> of instance
    /// <paramref name="instance"/> (or at its top level when null); null when there is none or its type was not followed.
    /// </summary>
    internal CFunc? ImportedFunctionType(string? instance, string function)
    {
        if (instance is null)
        {
            return FindImport(function) is { Kind: ComponentExternKind.Func, ResolvedType: { } t } && ComponentTypePrinter.Strip(t) is CFunc top ? top : null;
        }
        if (FindImport(instance) is not { Kind: ComponentExternKind.Instance, ResolvedType: { } it } || ComponentTypePrinter.Strip(it) is not CInstance inst) return null;
        return inst.Find(function) is { Kind: ComponentExternKind.Func, Type: { } ft } && ComponentTypePrinter.Strip(ft) is CFunc f ? f : null;
    }

    /// <summary>Whether <paramref name="t"/> is or holds a handle (<c>own</c>, <c>borrow</c>, a resource), a stream or a future.</summary>
    private static bool HoldsHandle(CType? t, int depth) => t is not null && depth <= 64 && ComponentTypePrinter.Strip(t) switch
    {
        CWrap or CResource => true,
        CRecord r => r.Fields.Any(f => HoldsHandle(f.Value, depth + 1)),
        CVariant v => v.Cases.Any(c => HoldsHandle(c.Value, depth + 1)),
        CList l => HoldsHandle(l.Element, depth + 1),
        CTuple tu => tu.Items.Any(i => HoldsHandle(i, depth + 1)),
        COption o => HoldsHandle(o.Inner, depth + 1),
        CResult r => HoldsHandle(r.Ok, depth + 1) || HoldsHandle(r.Err, depth + 1),
        CMap m => HoldsHandle(m.Key, depth + 1) || HoldsHandle(m.Value, depth + 1),
        _ => false,
    };

    /// <summary>
    /// The signature block of function <paramref name="name"/>: the definitions of the named types it uses, then the
    /// function. A resource that <paramref name="owner"/> (the exported interface holding the function) defines is
    /// written with its members (<c>resource counter { constructor(…); get: func() -> u32; … }</c>, from the
    /// interface's <c>[constructor]counter</c>, <c>[method]counter.get</c> and <c>[static]counter.x</c> functions), and
    /// the types those use are defined too, so a typed class can be made for it.
    /// </summary>
    private ComponentFunctionInfo? Info(string key, string name, CFunc f, CInstance? owner = null)
    {
        var definitions = new List<string>();
        var named = new Dictionary<string, CType>(StringComparer.Ordinal);
        var conflict = false;
        void Collect(CType? t, int depth)
        {
            if (t is null || depth > 64) return;
            switch (t)
            {
                case CNamed n:
                    var target = ComponentTypePrinter.Strip(n);
                    if (named.TryGetValue(n.Name, out var seen))
                    {
                        if (!ReferenceEquals(seen, target) && ComponentTypePrinter.Fingerprint(seen) != ComponentTypePrinter.Fingerprint(target)) conflict = true;
                        return;
                    }
                    named[n.Name] = target;
                    Collect(target, depth + 1);
                    if (target is CResource && owner is not null && ResourceMembers(owner, n.Name) is { Count: > 0 } members)
                    {
                        // Its members' types first (they may use other named types, or this resource, already seen).
                        foreach (var m in members)
                        {
                            foreach (var p in m.Type.Params) Collect(p.Value, depth + 1);
                            Collect(m.Type.Result, depth + 1);
                        }
                        definitions.Add(ComponentTypePrinter.ResourceWithMembers(n.Name, members));
                        return;
                    }
                    definitions.Add(ComponentTypePrinter.Definition(n.Name, n) + (target is CResource ? ";" : ""));
                    return;
                case CList l: Collect(l.Element, depth + 1); return;
                case COption o: Collect(o.Inner, depth + 1); return;
                case CResult r: Collect(r.Ok, depth + 1); Collect(r.Err, depth + 1); return;
                case CTuple tu: foreach (var i in tu.Items) Collect(i, depth + 1); return;
                case CRecord r: foreach (var x in r.Fields) Collect(x.Value, depth + 1); return;
                case CVariant v: foreach (var x in v.Cases) Collect(x.Value, depth + 1); return;
                case CWrap w: Collect(w.Inner, depth + 1); return;
                case CMap m: Collect(m.Key, depth + 1); Collect(m.Value, depth + 1); return;
            }
        }
        foreach (var p in f.Params) Collect(p.Value, 0);
        Collect(f.Result, 0);
        if (conflict) return null;
        var sb = new StringBuilder();
        foreach (var d in definitions) sb.Append(d).Append('\n');
        sb.Append(ComponentTypePrinter.Func(name, f)).Append('\n');
        _layout.Lifts.TryGetValue(key, out var lift);
        return new ComponentFunctionInfo(key, name, sb.ToString(), ComponentTypePrinter.Fingerprint(f), lift)
        {
            HoldsHandle = f.Params.Any(p => HoldsHandle(p.Value, 0)) || HoldsHandle(f.Result, 0),
        };
    }

    /// <summary>
    /// The functions of <paramref name="owner"/> that belong to its resource <paramref name="resource"/>: its
    /// constructor, methods and static functions, by the Canonical ABI's names (<c>[method]counter.get</c>), in order.
    /// </summary>
    private static List<ComponentResourceMember> ResourceMembers(CInstance owner, string resource)
    {
        var members = new List<ComponentResourceMember>();
        foreach (var x in owner.Exports)
        {
            if (x.Kind != ComponentExternKind.Func || x.Type is null || ComponentTypePrinter.Strip(x.Type) is not CFunc f) continue;
            if (x.Name == "[constructor]" + resource) members.Add(new ComponentResourceMember(ComponentResourceMemberKind.Constructor, "constructor", f));
            else if (x.Name.StartsWith("[method]" + resource + ".", StringComparison.Ordinal)) members.Add(new ComponentResourceMember(ComponentResourceMemberKind.Method, x.Name.Substring(9 + resource.Length), f));
            else if (x.Name.StartsWith("[static]" + resource + ".", StringComparison.Ordinal)) members.Add(new ComponentResourceMember(ComponentResourceMemberKind.Static, x.Name.Substring(9 + resource.Length), f));
        }
        return members;
    }
}
