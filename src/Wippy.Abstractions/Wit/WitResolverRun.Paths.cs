namespace Wippy.Wit;

/// <summary>Finding the interface or world that a path (<c>types</c>, <c>wasi:io/streams@0.2.0</c>) names.</summary>
internal sealed partial class WitResolverRun
{
    public Dictionary<WitUsePath, WitResolverScope?> InterfacePaths { get; } = new(WitReferenceComparer<WitUsePath>.Instance);

    private readonly HashSet<WitUsePath> _pathsInProgress = new(WitReferenceComparer<WitUsePath>.Instance);

    public Dictionary<WitUsePath, WitResolverScope?> WorldPaths { get; } = new(WitReferenceComparer<WitUsePath>.Instance);

    /// <summary>The interface that <paramref name="path"/>, written in <paramref name="scope"/>, names; reports once per path when there is none.</summary>
    private WitResolverScope? ResolveInterfacePath(WitUsePath path, WitResolverScope scope)
    {
        if (InterfacePaths.TryGetValue(path, out var known)) return known;
        if (!_pathsInProgress.Add(path))
        {
            Report(WitDiagnosticIds.Cycle, "the top-level 'use' statements that name '" + path + "' go round in a circle", path.Position);
            InterfacePaths[path] = null;
            return null;
        }
        var found = FindItem(path, scope, isWorld: false);
        _pathsInProgress.Remove(path);
        InterfacePaths[path] = found;
        return found;
    }

    /// <summary>The world that an <c>include</c> path names; reports once per path when there is none.</summary>
    private WitResolverScope? ResolveWorldPath(WitUsePath path, WitResolverScope scope)
    {
        if (WorldPaths.TryGetValue(path, out var known)) return known;
        var found = FindItem(path, scope, isWorld: true);
        WorldPaths[path] = found;
        return found;
    }

    private WitResolverScope? FindItem(WitUsePath path, WitResolverScope scope, bool isWorld)
    {
        string kind = isWorld ? "world" : "interface";
        var package = scope.Package;
        if (!path.IsQualified)
        {
            // A bare name: first a top-level 'use ... as name;' of the same file, then the package itself.
            if (!isWorld && scope.FileUses.TryGetValue(path.InterfaceName, out var fileUse) && !ReferenceEquals(fileUse.Path, path))
            {
                if (!fileUse.Path.IsQualified && fileUse.Path.InterfaceName == path.InterfaceName)
                {
                    return FindInPackage(package, path, isWorld);
                }
                return ResolveInterfacePath(fileUse.Path, scope);
            }
            return FindInPackage(package, path, isWorld);
        }
        var target = FindPackage(path, kind);
        return target is null ? null : FindInPackage(target, path, isWorld);
    }

    private WitResolverScope? FindInPackage(WitResolverPackage package, WitUsePath path, bool isWorld)
    {
        var table = isWorld ? package.Worlds : package.Interfaces;
        if (table.TryGetValue(path.InterfaceName, out var found)) return found;
        string where = package.Name is null ? "this package" : "the package '" + package.Name + "'";
        Report(isWorld ? WitDiagnosticIds.UndefinedWorld : WitDiagnosticIds.UndefinedInterface,
            "no " + (isWorld ? "world" : "interface") + " named '" + path.InterfaceName + "' in " + where, path.Position);
        return null;
    }

    private WitResolverPackage? FindPackage(WitUsePath path, string kind)
    {
        string name = path.PackageNamespace + ":" + path.PackageName;
        _packagesByName.TryGetValue(name, out var versions);
        if (versions is not null && path.Version is not null)
        {
            foreach (var candidate in versions)
            {
                if (candidate.Name!.Version == path.Version) return candidate;
            }
        }
        else if (versions is not null && versions.Count == 1)
        {
            return versions[0];
        }
        string wanted = name + (path.Version is null ? "" : "@" + path.Version);
        string message;
        if (versions is null)
        {
            message = "the package '" + wanted + "' of the " + kind + " '" + path + "' is not among the given WIT documents (add its files, e.g. under deps/)";
        }
        else
        {
            var found = new List<string>();
            foreach (var candidate in versions) found.Add(candidate.Name!.ToString());
            message = path.Version is null
                ? "the package '" + name + "' is given in several versions (" + string.Join(", ", found) + "): write the version, as in '" + found[0] + "'"
                : "the package '" + wanted + "' is not among the given WIT documents; found " + string.Join(", ", found);
        }
        Report(WitDiagnosticIds.UndefinedPackage, message, path.Position);
        return null;
    }
}
