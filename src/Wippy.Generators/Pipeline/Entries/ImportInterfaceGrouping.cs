using Wippy.Generators.Model;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>
/// Groups the imported functions of a namespace's components into one C# interface per imported WIT interface:
/// <c>I</c> + the interface's name, qualified by its package when two would clash (<c>IMinimalHost</c>, <c>IImportsHost</c>),
/// and its awaiting twin, the same name + <c>Async</c>.
/// </summary>
internal static class ImportInterfaceGrouping
{
    public static EquatableArray<ImportInterfaceModel> Group(IEnumerable<FunctionModel> functions)
    {
        var byInstance = new Dictionary<string, List<ImportFunctionModel>>(StringComparer.Ordinal);
        foreach (var import in functions.SelectMany(f => f.ComponentImports))
        {
            if (!byInstance.TryGetValue(import.Instance, out var list)) byInstance[import.Instance] = list = new List<ImportFunctionModel>();
            if (!list.Any(x => x.WitName == import.WitName)) list.Add(import);
        }
        var shortNames = byInstance.Keys.GroupBy(k => Parts(k).Interface, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var named = byInstance.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var (package, iface) = Parts(kv.Key);
            return (Instance: kv.Key, CsName: "I" + (shortNames[iface] > 1 ? CsNaming.Pascal(package) : "") + CsNaming.Pascal(iface), Functions: kv.Value);
        }).ToList();
        var taken = new HashSet<string>(named.Select(n => n.CsName), StringComparer.Ordinal);
        return named.Select(n =>
        {
            // IHost's awaiting twin is IHostAsync, unless another imported interface is called that (host-async).
            var asyncName = n.CsName + "Async";
            while (taken.Contains(asyncName)) asyncName += "Async";
            taken.Add(asyncName);
            return new ImportInterfaceModel(n.Instance, n.CsName, asyncName, n.Functions.OrderBy(x => x.WitName, StringComparer.Ordinal).ToEquatableArray());
        }).ToEquatableArray();
    }

    /// <summary><c>ns:pkg/iface@1.0.0</c> → (<c>pkg</c>, <c>iface</c>).</summary>
    private static (string Package, string Interface) Parts(string instance)
    {
        var at = instance.IndexOf('@');
        var name = at >= 0 ? instance.Substring(0, at) : instance;
        var slash = name.IndexOf('/');
        var colon = name.IndexOf(':');
        return (slash > colon && colon >= 0 ? name.Substring(colon + 1, slash - colon - 1) : "", slash >= 0 ? name.Substring(slash + 1) : name);
    }
}
