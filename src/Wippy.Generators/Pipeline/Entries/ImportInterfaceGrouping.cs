using Wippy.Generators.Model;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>
/// Groups the imported functions of a namespace's components into one C# interface per imported WIT interface:
/// <c>I</c> + the interface's name, qualified by its package when two would clash (<c>IMinimalHost</c>, <c>IImportsHost</c>).
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
        return byInstance.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var (package, iface) = Parts(kv.Key);
            var csName = "I" + (shortNames[iface] > 1 ? CsNaming.Pascal(package) : "") + CsNaming.Pascal(iface);
            return new ImportInterfaceModel(kv.Key, csName, kv.Value.OrderBy(x => x.WitName, StringComparer.Ordinal).ToEquatableArray());
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
