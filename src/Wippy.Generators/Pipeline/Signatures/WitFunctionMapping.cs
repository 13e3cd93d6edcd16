using Wippy.Generators.Model;
using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Signatures;

/// <summary>Maps a WIT function found by one of the WIT signature builders to a <see cref="Signature"/>.</summary>
internal static class WitFunctionMapping
{
    /// <summary>The signature, or null when a type of it cannot be used (each such type is reported by <paramref name="mapper"/>).</summary>
    public static Signature? Map(WitFunction function, WitTypeMapper mapper, ModelDiagnostics diagnostics)
    {
        var before = diagnostics.Count;
        var parameters = new List<ParamModel>();
        foreach (var p in function.Params)
        {
            var t = mapper.Map(p.Type);
            if (t is not null) parameters.Add(new ParamModel(p.Name, CsNaming.Camel(p.Name), t));
        }
        var result = function.Result is null ? null : mapper.Map(function.Result);
        if (diagnostics.Count != before) return null;
        return Signature.Of(function.Name, parameters, result, function.Docs);
    }

    /// <summary>
    /// The classes of the resources <paramref name="mapper"/> met (and, through their members' signatures, those they
    /// use): each member mapped as a function, a method with <c>self</c> first, the constructor returning the resource.
    /// Null when a member's type cannot be used (reported).
    /// </summary>
    /// <param name="mapper">The mapper that mapped the function (its <see cref="WitTypeMapper.UsedResources"/>).</param>
    /// <param name="iface">The interface the resources belong to (<c>wippy:counter/counters</c>; "" at a world's top level): their members are its functions.</param>
    /// <param name="diagnostics">Where problems are reported.</param>
    public static EquatableArray<ResourceClassModel>? Resources(WitTypeMapper mapper, string iface, ModelDiagnostics diagnostics)
    {
        var prefix = iface.Length == 0 ? "" : iface + "#";
        var classes = new List<ResourceClassModel>();
        var before = diagnostics.Count;
        for (var i = 0; i < mapper.UsedResources.Count; i++) // members may bring more resources: the list grows
        {
            var r = mapper.UsedResources[i];
            var csName = mapper.ResourceCsName(r);
            var members = new List<ResourceMemberModel>();
            foreach (var fn in r.Functions)
            {
                var parameters = new List<ParamModel>();
                if (fn.Kind == WitFunctionKind.Method) parameters.Add(new ParamModel("self", "self", new ResourceType(r.Name, csName, IsBorrow: true) { IsImported = mapper.ResourcesAreImported }));
                foreach (var p in fn.Params)
                {
                    var t = mapper.Map(p.Type);
                    if (t is not null) parameters.Add(new ParamModel(p.Name, CsNaming.Camel(p.Name), t));
                }
                var result = fn.Kind == WitFunctionKind.Constructor
                    ? new ResourceType(r.Name, csName, IsBorrow: false) { IsImported = mapper.ResourcesAreImported }
                    : fn.Result is null ? null : mapper.Map(fn.Result);
                var (key, member) = fn.Kind switch
                {
                    WitFunctionKind.Constructor => ($"{prefix}[constructor]{r.Name}", "New" + csName),
                    WitFunctionKind.Static => ($"{prefix}[static]{r.Name}.{fn.Name}", csName + CsNaming.Pascal(fn.Name)),
                    _ => ($"{prefix}[method]{r.Name}.{fn.Name}", MethodName(fn.Name, csName)),
                };
                var kind = fn.Kind switch
                {
                    WitFunctionKind.Constructor => ResourceMemberKind.Constructor,
                    WitFunctionKind.Static => ResourceMemberKind.Static,
                    _ => ResourceMemberKind.Method,
                };
                var list = parameters.ToEquatableArray();
                var spelled = WitSpelling.Signature(fn.Kind == WitFunctionKind.Constructor ? "constructor" : fn.Name, kind == ResourceMemberKind.Method ? list.Skip(1).ToEquatableArray() : list, fn.Kind == WitFunctionKind.Constructor ? null : result);
                members.Add(new ResourceMemberModel(kind, fn.Name, member, key, list, result, spelled, fn.Docs));
            }
            classes.Add(new ResourceClassModel(r.Name, csName, iface, r.Docs, members.ToEquatableArray()));
        }
        return diagnostics.Count != before ? null : classes.ToEquatableArray();
    }

    /// <summary>The C# members every generated resource class has, which a method of the resource must not be named.</summary>
    private static readonly HashSet<string> ResourceClassMembers = new(StringComparer.Ordinal)
    {
        "Dispose", "IsDisposed", "Resource", "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
    };

    private static string MethodName(string witName, string className)
    {
        var name = CsNaming.Pascal(witName);
        return name == className || ResourceClassMembers.Contains(name) ? name + "Method" : name;
    }

    /// <summary>The interface of an export key: <c>wippy:counter/counters</c> for <c>wippy:counter/counters#make</c>, "" for a top-level <c>make</c>.</summary>
    public static string InterfaceOf(string key) => key.IndexOf('#') is var hash and >= 0 ? key.Substring(0, hash) : "";

    /// <summary>The function a <c>method:</c> names: the part after '#' for an interface function (<c>calc#add</c> → <c>add</c>).</summary>
    public static string FunctionName(string method) => method.IndexOf('#') is var hash and >= 0 ? method.Substring(hash + 1) : method;
}
