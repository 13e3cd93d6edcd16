using Wippy.Modules;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline;

/// <summary>A registry namespace, its C# names, and its entries in declaration order.</summary>
/// <param name="RegistryNamespace">The registry namespace (<c>app.types</c>).</param>
/// <param name="CsNamespace">The C# namespace of its generated code (<c>MyApp.App.Types</c>).</param>
/// <param name="CsClassName">Its proxy class (<c>TypesFunctions</c>); the other generated classes are named after it.</param>
/// <param name="Entries">Its entries.</param>
internal sealed record NamespacePlan(string RegistryNamespace, string CsNamespace, string CsClassName, IReadOnlyList<RegistryEntry> Entries);

/// <summary>
/// Groups the registry's entries by namespace and names each namespace in C#: the root namespace, then one PascalCase
/// segment per dotted part. Two registry namespaces that would get the same C# namespace are an error; the second is
/// left out.
/// </summary>
internal static class NamespaceGrouping
{
    /// <summary>The namespaces in ordinal order; an id declared twice keeps its first declaration (the validator reports the second).</summary>
    public static IReadOnlyList<NamespacePlan> Group(IReadOnlyList<RegistryDocument> documents, string rootNamespace, ModelDiagnostics diagnostics)
    {
        var plans = new List<NamespacePlan>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var csNamespaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var byNamespace = documents
            .SelectMany(d => d.Entries)
            .Where(e => ids.Add(e.Id))
            .GroupBy(e => e.Namespace, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var group in byNamespace)
        {
            var segments = group.Key.Split('.').Select(CsNaming.Pascal).ToList();
            var csNamespace = rootNamespace + "." + string.Join(".", segments);
            if (csNamespaces.TryGetValue(csNamespace, out var other))
            {
                diagnostics.Report(ModuleDiagnosticIds.NameCollision, group.First().Position,
                    $"namespace '{group.Key}' would become the C# namespace '{csNamespace}', like namespace '{other}'; rename one of them");
                continue;
            }
            csNamespaces[csNamespace] = group.Key;
            plans.Add(new NamespacePlan(group.Key, csNamespace, CsNaming.ProxyClass(group.Key), group.ToList()));
        }
        return plans;
    }
}
