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

    private void CheckAliasCycles()
    {
        var reported = new HashSet<WitTypeDef>(WitReferenceComparer<WitTypeDef>.Instance);
        foreach (var scope in _scopes)
        {
            foreach (var def in scope.TypeDefs)
            {
                if (def is not WitTypeAlias || reported.Contains(def)) continue;
                var chain = new List<WitTypeDef>();
                var seen = new HashSet<WitTypeDef>(WitReferenceComparer<WitTypeDef>.Instance);
                WitTypeDef? current = def;
                while (current is WitTypeAlias { Target: WitNamedType target } && seen.Add(current))
                {
                    chain.Add(current);
                    current = References.TryGetValue(target, out var next) ? next?.Definition : null;
                }
                bool closesOnStart = chain.Count > 0 && ReferenceEquals(current, def);
                if (!closesOnStart) continue;
                var names = new List<string>();
                foreach (var member in chain)
                {
                    names.Add(member.Name);
                    reported.Add(member);
                }
                names.Add(def.Name);
                Report(WitDiagnosticIds.Cycle, "the type alias '" + def.Name + "' refers to itself: " + string.Join(" -> ", names), def.Position);
            }
        }
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
