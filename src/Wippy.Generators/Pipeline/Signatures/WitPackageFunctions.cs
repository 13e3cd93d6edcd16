using Wippy.Wit;

namespace Wippy.Generators.Pipeline.Signatures;

/// <summary>
/// Finds the function a <c>method:</c> names in a whole WIT package (a <c>wit: file://x.wit</c> or
/// <c>file://dir/</c> with <c>deps/</c>, as opposed to a bare signature block): <c>f</c> is a function a world
/// exports; <c>iface#f</c>, <c>ns:pkg/iface#f</c> and <c>ns:pkg/iface@1.2.3#f</c> are functions of an interface.
/// </summary>
internal static class WitPackageFunctions
{
    /// <summary>The function, or null; <paramref name="candidates"/> receives the method names that would work.</summary>
    public static WitFunction? Find(WitResolution resolution, IReadOnlyList<WitDocument> rootDocuments, string method, List<string> candidates)
    {
        var hash = method.IndexOf('#');
        var interfaces = rootDocuments.SelectMany(d => d.Interfaces.Concat(d.NestedPackages.SelectMany(p => p.Interfaces))).Where(i => i.Name is not null).ToList();
        var worlds = rootDocuments.SelectMany(d => d.Worlds.Concat(d.NestedPackages.SelectMany(p => p.Worlds))).ToList();
        foreach (var w in worlds)
        {
            foreach (var item in w.Items)
            {
                if (!item.IsImport && item.Function is not null) candidates.Add(item.Function.Name);
            }
        }
        foreach (var i in interfaces)
        {
            foreach (var fn in i.Functions) candidates.Add(i.Name + "#" + fn.Name);
        }
        if (hash < 0)
        {
            return worlds.SelectMany(w => w.Items).FirstOrDefault(i => !i.IsImport && i.Function?.Name == method)?.Function;
        }
        var ifaceName = method.Substring(0, hash);
        var name = method.Substring(hash + 1);
        foreach (var i in interfaces)
        {
            var qualified = resolution.QualifiedName(i) ?? i.Name!;
            var withoutVersion = qualified.IndexOf('@') is var at and >= 0 ? qualified.Substring(0, at) : qualified;
            if (ifaceName == i.Name || ifaceName == qualified || ifaceName == withoutVersion)
            {
                return i.Functions.FirstOrDefault(f => f.Name == name);
            }
        }
        return null;
    }
}
