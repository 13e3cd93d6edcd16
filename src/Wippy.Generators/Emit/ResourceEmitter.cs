using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits what resources a guest component exports become in C# (docs/components.md, "Resources"): a sealed,
/// disposable class per resource, holding its handle (<c>GuestResource</c>), with a method per WIT method; the
/// constructor and static functions as methods of the namespace's functions class (<c>NewCounter</c>,
/// <c>CounterMerge</c>); and the routing of calls that take a resource to the instance that made it.
/// </summary>
internal static class ResourceEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    /// <summary>How a call begins when it is not simply the entry's function on a pooled instance.</summary>
    /// <param name="Begin">The expression giving the <c>ComponentCall</c>.</param>
    /// <param name="BeginAsync">The expression giving a <c>ValueTask&lt;ComponentCall&gt;</c> (with <c>cancellationToken</c> in scope).</param>
    /// <param name="TakesHandle">Whether the static <c>Invoke*</c> methods take the entry's <c>WasmFunctionHandle</c> first.</param>
    /// <param name="Member">Whether the function is a resource's member (no public method on the functions class of its own).</param>
    internal sealed record Route(string Begin, string BeginAsync, bool TakesHandle, bool Member);

    /// <summary>One member of a resource class, with the function model its code is emitted from.</summary>
    internal sealed record MemberModel(FunctionModel Owner, ResourceClassModel Class, ResourceMemberModel Member, FunctionModel Model, Route Route);

    /// <summary>The route of an entry's function that takes a resource (it runs where the resource lives); null otherwise.</summary>
    public static Route? RouteOf(NamespaceModel ns, FunctionModel f) =>
        FirstResource(f.Params, f.Id) is { } resource ? Routed(resource, f.ComponentKey ?? f.Method, f.Id, takesHandle: true)
        : Searched(ns, f, f.ComponentKey ?? f.Method, f.Id, "function.BeginComponent()", "function.BeginComponentAsync(cancellationToken)", member: false);

    /// <summary>
    /// The parameters searched for a resource to route a call by, when none is a resource itself: those holding one of
    /// the guest's inside (a list of counters, a record with one). The call runs on the instance of the first found.
    /// </summary>
    public static IReadOnlyList<ParamModel> SearchedForRoute(FunctionModel f) =>
        f.Params.Any(p => p.Type is ResourceType { IsImported: false }) ? Array.Empty<ParamModel>() : f.Params.Where(p => p.Type.HasGuestResource()).ToList();

    /// <summary>
    /// A call that begins on the instance of the first resource found in its parameters (<see cref="SearchedForRoute"/>),
    /// or, when they hold none (an empty list), as <paramref name="pooled"/> / <paramref name="pooledAsync"/> begin it; null
    /// when no parameter can hold one.
    /// </summary>
    private static Route? Searched(NamespaceModel ns, FunctionModel f, string key, string? entryId, string pooled, string pooledAsync, bool member)
    {
        var searched = SearchedForRoute(f);
        if (searched.Count == 0) return null;
        var find = string.Join(" ?? ", searched.Select(p => $"{AbiEmitter.ClassOf(ns, f)}.ResourceIn_{TypeNames.Key(p.Type)}({p.CsName})"));
        if (searched.Count > 1) find = $"({find})";
        var (begin, beginAsync) = BeginOn("at_", key, entryId);
        return new Route($"{find} is {{ }} at_ ? {begin} : {pooled}", $"{find} is {{ }} at_ ? {beginAsync} : {pooledAsync}", TakesHandle: true, Member: member);
    }

    /// <summary>A call that begins on the instance holding <paramref name="resource"/> (an expression giving its <c>GuestResource</c>).</summary>
    private static Route Routed(string resource, string key, string? entryId, bool takesHandle)
    {
        var (begin, beginAsync) = BeginOn(resource, key, entryId);
        return new Route(begin, beginAsync, takesHandle, Member: entryId is null);
    }

    /// <summary>The sync and async expressions beginning the call of export <paramref name="key"/> on <paramref name="resource"/>'s instance (errors naming <paramref name="entryId"/>, or the instance's entry when null).</summary>
    private static (string Begin, string BeginAsync) BeginOn(string resource, string key, string? entryId)
    {
        var names = entryId is null ? Literals.String(key) : $"{Literals.String(key)}, {Literals.String(entryId)}";
        return ($"{resource}.Begin({names})", $"{resource}.BeginAsync({Literals.String(key)}, {(entryId is null ? "null" : Literals.String(entryId))}, cancellationToken)");
    }

    /// <summary>The resource classes of the namespace, each once (the first entry using it provides the handle for its constructor).</summary>
    public static IReadOnlyList<(FunctionModel Owner, ResourceClassModel Class)> Classes(NamespaceModel ns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<(FunctionModel, ResourceClassModel)>();
        foreach (var f in ns.Functions)
        {
            foreach (var c in f.Resources)
            {
                if (seen.Add(c.CsName)) list.Add((f, c));
            }
        }
        return list;
    }

    /// <summary>Every member of every resource class, as a function model (named <c>Counter_Get</c>) and its route.</summary>
    public static IReadOnlyList<MemberModel> Members(NamespaceModel ns)
    {
        var list = new List<MemberModel>();
        foreach (var (owner, c) in Classes(ns))
        {
            foreach (var m in c.Members)
            {
                var model = owner with
                {
                    CsName = c.CsName + "_" + CsName(m),
                    Method = m.Key,
                    ComponentKey = m.Key,
                    Params = m.Params,
                    Result = m.Result,
                    WitSignature = m.WitSignature,
                    Docs = m.Docs,
                    Resources = default,
                };
                // A constructor or static function taking no resource begins on a pooled instance.
                var pooled = new Route($"function.BeginComponent({Literals.String(m.Key)})", $"function.BeginComponentExportAsync({Literals.String(m.Key)}, cancellationToken)", TakesHandle: true, Member: true);
                var route = m.Kind switch
                {
                    ResourceMemberKind.Method => Routed("self.Resource", m.Key, entryId: null, takesHandle: false),
                    _ when FirstResource(m.Params, owner.Id) is { } resource => Routed(resource, m.Key, entryId: null, takesHandle: false),
                    _ => Searched(ns, model, m.Key, entryId: null, pooled.Begin, pooled.BeginAsync, member: true) ?? pooled,
                };
                list.Add(new MemberModel(owner, c, m, model, route));
            }
        }
        return list;
    }

    private static string CsName(ResourceMemberModel m) => m.Kind == ResourceMemberKind.Constructor ? "Constructor" : Pipeline.CsNaming.Pascal(m.WitName);

    /// <summary><c>(c ?? throw …).Resource</c> for the first resource parameter, or null when there is none.</summary>
    private static string? FirstResource(IEnumerable<ParamModel> parameters, string entryId)
    {
        foreach (var p in parameters)
        {
            if (p.Type is not ResourceType { IsImported: false } r) continue;
            return $"({p.CsName} ?? throw new {HostApi.WippyException}({HostApi.ErrorKind}.Invalid, {Literals.String(entryId)}, {Literals.String($"{p.WitName}: expected a {r.WitName}, got null")})).Resource";
        }
        return null;
    }

    /// <summary>The public method of a constructor or static function on the functions class (methods are on the resource's class).</summary>
    public static void EmitProxyMember(CodeWriter w, NamespaceModel ns, MemberModel member)
    {
        var m = member.Member;
        if (m.Kind == ResourceMemberKind.Method) return;
        var f = member.Model;
        var result = f.Result is null ? "void" : TypeNames.Cs(f.Result, ns.CsNamespace);
        var parameters = string.Join(", ", f.Params.Select(p => $"{TypeNames.CsParameter(p.Type, ns.CsNamespace)} {p.CsName}"));
        var handle = member.Route.TakesHandle ? $"_{Field(member.Owner)}" + (f.Params.Count > 0 ? ", " : "") : "";
        var arguments = string.Join(", ", f.Params.Select(p => p.CsName));
        var what = m.Kind == ResourceMemberKind.Constructor ? $"a new <c>{member.Class.WitName}</c>" : $"<c>{member.Class.WitName}</c>'s static function <c>{m.WitName}</c>";
        w.Summary(CodeWriter.Docs(m.Docs) ?? $"Calls {what}.");
        w.Line($"/// <remarks>The resource <c>{member.Class.WitName}</c> of the component of <c>{member.Owner.Id}</c>: <c>{CodeWriter.Escape(m.WitSignature)}</c>. " +
            $"{(m.Kind == ResourceMemberKind.Constructor ? "Dispose what it returns: until then, the instance that made it is kept for it, out of the pool." : "")}</remarks>");
        w.Line($"/// <exception cref=\"{HostApi.WippyException}\">The call failed: a bad argument, a trap, a timeout, or the entry did not load.</exception>");
        w.Line($"public {result} {m.CsName}({parameters}) => Invoke{f.CsName}({handle}{arguments});");
        w.Line();
    }

    /// <summary>The resource classes of the namespace.</summary>
    public static void EmitClasses(CodeWriter w, NamespaceModel ns)
    {
        var members = Members(ns);
        var first = true;
        foreach (var (owner, c) in Classes(ns))
        {
            if (!first) w.Line();
            first = false;
            w.Summary(CodeWriter.Docs(c.Docs) ?? $"The resource <c>{c.WitName}</c>.");
            w.Line($"/// <remarks>Defined by the component of <c>{owner.Id}</c>{(c.Interface.Length > 0 ? $" (<c>{c.Interface}</c>)" : "")}. An object holds one handle of the guest's; " +
                "<see cref=\"Dispose\"/> ends it (the guest's destructor runs). Until then the instance that made it is kept for it, out of its pool, and calls on it run there one at a time; " +
                "after a failed call on that instance (a trap) its resources are gone (Unavailable). Giving it to a function that takes it (own) disposes this object.</remarks>");
            w.Line(GeneratedCode.Attribute);
            using (w.Open($"public sealed partial class {c.CsName} : global::System.IDisposable, {HostApi.LuaResource}"))
            {
                w.Line("/// <summary>The guest's handle.</summary>");
                w.Line($"internal readonly {HostApi.GuestResource} Resource;");
                w.Line();
                w.Line($"internal {c.CsName}({HostApi.GuestResource} resource) => Resource = resource;");
                w.Line();
                w.Line("/// <summary>Whether it was disposed, or given to the guest.</summary>");
                w.Line("public bool IsDisposed => Resource.IsDisposed;");
                w.Line();
                w.Line("/// <summary>Ends the resource: the guest's destructor runs. Later use throws <see cref=\"global::System.ObjectDisposedException\"/>.</summary>");
                w.Line($"/// <exception cref=\"{HostApi.WippyException}\">Trap: the guest's destructor trapped.</exception>");
                w.Line("public void Dispose() => Resource.Dispose();");
                w.Line();
                w.Line($"string {HostApi.LuaResource}.TypeName => {Literals.String(c.WitName)};");
                w.Line();
                w.Line($"int {HostApi.LuaResource}.CallFromLua(string method, nint L, int first, int count) => {LuaBinderEmitter.ClassName(ns)}.Call{c.CsName}(this, method, L, first, count);");
                foreach (var member in members.Where(x => ReferenceEquals(x.Class, c) && x.Member.Kind == ResourceMemberKind.Method))
                {
                    var f = member.Model;
                    var others = f.Params.Skip(1).ToList();
                    var result = f.Result is null ? "void" : TypeNames.Cs(f.Result, ns.CsNamespace);
                    var parameters = string.Join(", ", others.Select(p => $"{TypeNames.CsParameter(p.Type, ns.CsNamespace)} {p.CsName}"));
                    var arguments = string.Concat(others.Select(p => ", " + p.CsName));
                    w.Line();
                    w.Summary(CodeWriter.Docs(member.Member.Docs) ?? $"Calls the method <c>{member.Member.WitName}</c>.");
                    w.Line($"/// <remarks><c>{CodeWriter.Escape(member.Member.WitSignature)}</c></remarks>");
                    w.Line("/// <exception cref=\"global::System.ObjectDisposedException\">It was disposed, or given to the guest.</exception>");
                    w.Line($"/// <exception cref=\"{HostApi.WippyException}\">The call failed: a bad argument, a trap, a timeout; Unavailable after an earlier call on its instance failed.</exception>");
                    w.Line($"public {result} {member.Member.CsName}({parameters}) => {ns.CsClassName}.Invoke{f.CsName}(this{arguments});");
                }
            }
        }
    }

    /// <summary>
    /// For a function that takes or returns a resource: the Invalid error a binder of <paramref name="where"/> (JSON,
    /// Lua) throws instead of calling it, naming the parameter (or the result); null for other functions.
    /// </summary>
    public static string? RefusalOf(FunctionModel f, string where)
    {
        var param = f.Params.FirstOrDefault(p => p.Type.HasResource());
        string? what = param is not null ? $"the parameter '{param.WitName}' {Holds(param.Type)}"
            : f.Result.HasResource() ? $"its result {Holds(f.Result!)}" : null;
        if (what is null) return null;
        var message = $"{what}, a resource the component defines, which cannot cross {where}; call it from C# through the generated proxy";
        return $"new {HostApi.WippyException}({HostApi.ErrorKind}.Invalid, {Literals.String(f.Id)}, {Literals.String(message)})";
    }

    /// <summary>"is a counter" for a resource itself, "holds a counter" for a type with one inside.</summary>
    private static string Holds(TypeModel type) => type is ResourceType r ? $"is a {r.WitName}" : $"holds a {type.Resources().First().WitName}";

    private static string Field(FunctionModel f) => char.ToLowerInvariant(f.CsName[0]) + f.CsName.Substring(1);
}
