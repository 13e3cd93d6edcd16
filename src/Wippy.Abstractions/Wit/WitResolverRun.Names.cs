namespace Wippy.Wit;

/// <summary>Looking a type name up in a scope, following <c>use</c> to the interface that defines it.</summary>
internal sealed partial class WitResolverRun
{
    /// <summary>
    /// The definition that <paramref name="name"/> denotes in <paramref name="scope"/>, or null. Follows
    /// <c>use</c> chains (reporting a broken or circular one once), not type aliases. An inline interface
    /// falls back to its world's names. After the run every declared name is memoized, so later calls only read.
    /// </summary>
    public WitResolvedType? Lookup(WitResolverScope scope, string name)
    {
        if (scope.Resolved.TryGetValue(name, out var known)) return known;
        WitResolvedType? result;
        if (!scope.Names.TryGetValue(name, out var entry))
        {
            result = scope.Parent is null ? null : Lookup(scope.Parent, name);
        }
        else if (entry is WitTypeDef def)
        {
            result = new WitResolvedType(def, scope.QualifiedName, scope.Interface, scope.World);
        }
        else
        {
            var use = (WitResolverUseEntry)entry;
            if (!scope.InProgress.Add(name))
            {
                Report(WitDiagnosticIds.Cycle, "the 'use' of '" + name + "' leads back to itself", use.Name.Position);
                return null;
            }
            result = LookupUsed(scope, use);
            scope.InProgress.Remove(name);
        }
        if (!_frozen) scope.Resolved[name] = result;
        return result;
    }

    /// <summary>Follows one <c>use path.{name}</c> to the definition in the target interface.</summary>
    private WitResolvedType? LookupUsed(WitResolverScope scope, WitResolverUseEntry use)
    {
        var target = ResolveInterfacePath(use.Use.Path, scope);
        if (target is null) return null;
        if (!target.Names.ContainsKey(use.Name.Name))
        {
            Report(WitDiagnosticIds.UseOfUnknownName, "the interface '" + target.QualifiedName + "' has no type named '" + use.Name.Name + "'", use.Name.Position);
            return null;
        }
        return Lookup(target, use.Name.Name);
    }

    /// <summary>Follows <c>type a = b</c> chains from <paramref name="start"/>; stops at the first definition that is not an alias of a name.</summary>
    public WitResolvedType ResolveAliases(WitResolvedType start)
    {
        var current = start;
        var seen = new HashSet<WitTypeDef>(WitReferenceComparer<WitTypeDef>.Instance);
        while (current.Definition is WitTypeAlias { Target: WitNamedType target } && seen.Add(current.Definition))
        {
            if (!References.TryGetValue(target, out var next) || next is null) break;
            current = next;
        }
        return current;
    }
}
