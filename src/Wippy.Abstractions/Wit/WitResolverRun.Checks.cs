namespace Wippy.Wit;

/// <summary>The checking passes: every reference of every scope, alias cycles, handle targets.</summary>
internal sealed partial class WitResolverRun
{
    private readonly List<WitHandleType> _handles = new();

    /// <summary>Resolves every <c>use</c>, type reference, interface path and include of one scope.</summary>
    private void CheckScope(WitResolverScope scope)
    {
        foreach (var use in scope.Uses)
        {
            foreach (var name in use.Names) Lookup(scope, name.LocalName);
        }
        foreach (var def in scope.TypeDefs)
        {
            WitTypeWalker.VisitReferences(def, node => ResolveReference(scope, node));
        }
        if (scope.Interface is { } @interface)
        {
            foreach (var function in @interface.Functions)
            {
                WitTypeWalker.VisitReferences(function, node => ResolveReference(scope, node));
            }
        }
        if (scope.World is { } world)
        {
            foreach (var item in world.Items)
            {
                if (item.InterfaceRef is { } path) ResolveInterfacePath(path, scope);
                if (item.Function is { } function) WitTypeWalker.VisitReferences(function, node => ResolveReference(scope, node));
            }
            foreach (var include in world.Includes) ResolveWorldPath(include.World, scope);
        }
    }

    private void ResolveReference(WitResolverScope scope, WitType node)
    {
        string name = node is WitHandleType handle ? handle.ResourceName : ((WitNamedType)node).Name;
        var resolved = Lookup(scope, name);
        References[node] = resolved;
        if (resolved is null && !IsDeclared(scope, name))
        {
            Report(WitDiagnosticIds.UndefinedType, "undefined type '" + name + "': define it in this " + (scope.World is null ? "interface" : "world") + " or bring it in with 'use'", node.Position);
        }
        if (node is WitHandleType h) _handles.Add(h);
    }

    /// <summary>True when the name is declared in the scope (so a failed lookup was a broken <c>use</c>, already reported).</summary>
    private static bool IsDeclared(WitResolverScope scope, string name)
    {
        for (var s = scope; s is not null; s = s.Parent)
        {
            if (s.Names.ContainsKey(name)) return true;
        }
        return false;
    }

    /// <summary>
    /// Reports every cycle of <c>type a = b</c> aliases once, at its member declared first. Each alias is walked
    /// once (a chain of 50,000 aliases used to be walked from each of its members: minutes): a walk stops at an alias
    /// an earlier walk finished, and a cycle is an alias met again on the walk's own path.
    /// </summary>
    private void CheckAliasCycles()
    {
        var order = new Dictionary<WitTypeDef, int>(WitReferenceComparer<WitTypeDef>.Instance);
        foreach (var scope in _scopes)
        {
            foreach (var def in scope.TypeDefs)
            {
                if (def is WitTypeAlias && !order.ContainsKey(def)) order.Add(def, order.Count);
            }
        }
        var finished = new HashSet<WitTypeDef>(WitReferenceComparer<WitTypeDef>.Instance);
        var onPath = new Dictionary<WitTypeDef, int>(WitReferenceComparer<WitTypeDef>.Instance); // alias -> index in path
        var path = new List<WitTypeDef>();
        foreach (var start in order.Keys)
        {
            if (finished.Contains(start)) continue;
            path.Clear();
            onPath.Clear();
            WitTypeDef? current = start;
            while (current is WitTypeAlias { Target: WitNamedType target } && !finished.Contains(current))
            {
                if (onPath.TryGetValue(current, out var cycleStart))
                {
                    ReportAliasCycle(path.GetRange(cycleStart, path.Count - cycleStart), order);
                    break;
                }
                onPath.Add(current, path.Count);
                path.Add(current);
                current = References.TryGetValue(target, out var next) ? next?.Definition : null;
            }
            foreach (var member in path) finished.Add(member);
        }
    }

    /// <summary>Reports the cycle <paramref name="cycle"/> (in the order its aliases refer to each other) at its member declared first.</summary>
    private void ReportAliasCycle(List<WitTypeDef> cycle, Dictionary<WitTypeDef, int> order)
    {
        var first = 0;
        for (var i = 1; i < cycle.Count; i++)
        {
            if (Rank(cycle[i]) < Rank(cycle[first])) first = i;
        }
        var names = new List<string>(cycle.Count + 1);
        for (var i = 0; i < cycle.Count; i++) names.Add(cycle[(first + i) % cycle.Count].Name);
        names.Add(cycle[first].Name);
        Report(WitDiagnosticIds.Cycle, "the type alias '" + cycle[first].Name + "' refers to itself: " + string.Join(" -> ", names), cycle[first].Position);

        int Rank(WitTypeDef def) => order.TryGetValue(def, out var index) ? index : int.MaxValue;
    }

    private void CheckHandles()
    {
        foreach (var handle in _handles)
        {
            if (!References.TryGetValue(handle, out var resolved) || resolved is null) continue;
            var final = ResolveAliases(resolved);
            if (final.Definition is not WitResource)
            {
                Report(WitDiagnosticIds.HandleToNonResource, "'" + (handle.IsBorrow ? "borrow" : "own") + "<" + handle.ResourceName + ">' needs a resource, but '" + handle.ResourceName + "' is not one", handle.Position);
            }
        }
    }
}
