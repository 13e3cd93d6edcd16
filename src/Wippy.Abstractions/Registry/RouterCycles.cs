using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// Finds <c>env.storage.router</c> entries whose <c>storages</c> lead back to themselves (directly, or through other
/// routers): a lookup through such a router would never end, so each cycle is an error at the reference that closes
/// it (<see cref="SafetyDiagnosticIds.StorageRouterCycle"/>). The walk is iterative, so a long chain of routers
/// cannot exhaust the stack.
/// </summary>
internal static class RouterCycles
{
    /// <summary>Reports each cycle once, walking the routers in <paramref name="entries"/> order.</summary>
    public static void Check(IReadOnlyList<RegistryEntry> entries, Dictionary<string, RegistryEntry> byId, List<WippyDiagnostic> diagnostics)
    {
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the current path; true: done
        var path = new List<(EnvStorageEntry Router, int Next)>();
        foreach (var start in entries)
        {
            if (Router(start) is not { } first || state.ContainsKey(first.Id)) continue;
            state[first.Id] = false;
            path.Add((first, 0));
            while (path.Count > 0)
            {
                var (router, next) = path[path.Count - 1];
                if (next == router.Storages.Count)
                {
                    state[router.Id] = true;
                    path.RemoveAt(path.Count - 1);
                    continue;
                }

                path[path.Count - 1] = (router, next + 1);
                var reference = router.Storages[next];
                if (!byId.TryGetValue(reference.Id, out var target) || Router(target) is not { } to) continue;
                if (!state.TryGetValue(to.Id, out var done))
                {
                    state[to.Id] = false;
                    path.Add((to, 0));
                }
                else if (!done)
                {
                    diagnostics.Add(new WippyDiagnostic(
                        SafetyDiagnosticIds.StorageRouterCycle,
                        $"entry '{router.Id}' ({router.Kind}): 'storages[{next}]' makes a cycle: {Cycle(path, to)}; a router must not reach itself, so remove one of these references",
                        reference.Position));
                }
            }
        }
    }

    private static EnvStorageEntry? Router(RegistryEntry entry) =>
        entry is EnvStorageEntry storage && string.Equals(storage.Kind, RegistryKinds.EnvStorageRouter, StringComparison.Ordinal) ? storage : null;

    /// <summary>"a -> b -> a": the routers on the path from <paramref name="back"/> to the end, and <paramref name="back"/> again.</summary>
    private static string Cycle(List<(EnvStorageEntry Router, int Next)> path, EnvStorageEntry back)
    {
        var from = path.FindIndex(p => ReferenceEquals(p.Router, back));
        var ids = new List<string>();
        for (var i = from; i < path.Count; i++) ids.Add(path[i].Router.Id);
        ids.Add(back.Id);
        return string.Join(" -> ", ids);
    }
}
