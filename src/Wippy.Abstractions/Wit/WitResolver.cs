using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>
/// Resolves names across a set of parsed documents: one package (possibly split across files) plus the
/// packages it depends on. Every type reference (<see cref="WitNamedType"/>, <see cref="WitHandleType"/>)
/// is mapped to its definition through <c>use</c> (renames included, across packages by version), every
/// interface path of <c>use</c>/<c>import</c>/<c>export</c> to its interface, every <c>include</c> to its world;
/// what cannot be found becomes a diagnostic (WIPPY0120–WIPPY0139, see <see cref="WitDiagnosticIds"/>).
/// <para>
/// Packages: each document's <c>package</c> line names the package of its interfaces and worlds; documents
/// without one join the first declared package of the list (the "root" package; when no document declares
/// one, they form a package without a name); each nested <c>package a:b { ... }</c> block is a package of
/// its own. A qualified path with a version (<c>wasi:io/streams@0.2.0</c>) needs that exact version among
/// the documents; without a version it needs exactly one version of the package.
/// </para>
/// <para>
/// Scopes: an inline interface of a world (<c>import x: interface { ... }</c>) also sees the world's own
/// types and <c>use</c>s (a lenient choice: the reference tooling may ask for an explicit <c>use</c>).
/// Not checked: that feature gates of referring items are compatible, and that records/variants do not
/// contain themselves.
/// </para>
/// </summary>
public static class WitResolver
{
    /// <summary>Resolves <paramref name="documents"/> together; never throws on bad input.</summary>
    /// <param name="documents">The parsed documents of one package and of its dependencies, in a stable order.</param>
    public static WitResolution Resolve(IReadOnlyList<WitDocument> documents)
    {
        var run = new WitResolverRun(documents ?? Array.Empty<WitDocument>());
        run.Run();
        return new WitResolution(run);
    }
}

/// <summary>One resolution: builds the package and scope tables, then checks every reference.</summary>
internal sealed partial class WitResolverRun
{
    private readonly IReadOnlyList<WitDocument> _documents;
    private readonly List<WippyDiagnostic> _diagnostics = new();
    private readonly Dictionary<string, WitResolverPackage> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<WitResolverPackage>> _packagesByName = new(StringComparer.Ordinal);
    private readonly List<WitResolverScope> _scopes = new();
    private bool _frozen;

    public WitResolverRun(IReadOnlyList<WitDocument> documents)
    {
        _documents = documents;
    }

    public IReadOnlyList<WitDocument> Documents => _documents;

    public IReadOnlyList<WippyDiagnostic> Diagnostics => _diagnostics;

    public Dictionary<WitInterface, WitResolverScope> InterfaceScopes { get; } = new(WitReferenceComparer<WitInterface>.Instance);

    public Dictionary<WitWorld, WitResolverScope> WorldScopes { get; } = new(WitReferenceComparer<WitWorld>.Instance);

    public Dictionary<WitTypeDef, WitResolverScope> DefinitionOwners { get; } = new(WitReferenceComparer<WitTypeDef>.Instance);

    public Dictionary<WitType, WitResolvedType?> References { get; } = new(WitReferenceComparer<WitType>.Instance);

    public void Run()
    {
        BuildPackages();
        foreach (var scope in _scopes) CollectNames(scope);
        foreach (var scope in _scopes) CheckScope(scope);
        CheckAliasCycles();
        CheckHandles();
        foreach (var scope in _scopes)
        {
            foreach (var name in new List<string>(scope.Names.Keys)) Lookup(scope, name);
        }
        _frozen = true;
    }

    private void Report(string id, string message, SourcePosition at)
    {
        if (!_frozen) _diagnostics.Add(new WippyDiagnostic(id, message, at));
    }

    private void BuildPackages()
    {
        WitPackageName? root = null;
        foreach (var document in _documents)
        {
            if (document.Package is not null)
            {
                root = document.Package;
                break;
            }
        }
        foreach (var document in _documents)
        {
            var package = GetPackage(document.Package ?? root);
            AddItems(package, document.Uses, document.Interfaces, document.Worlds);
            foreach (var nested in document.NestedPackages)
            {
                AddItems(GetPackage(nested.Package), nested.Uses, nested.Interfaces, nested.Worlds);
            }
        }
    }

    private WitResolverPackage GetPackage(WitPackageName? name)
    {
        string key = name?.ToString() ?? "";
        if (_packages.TryGetValue(key, out var package)) return package;
        package = new WitResolverPackage(name);
        _packages.Add(key, package);
        if (name is not null)
        {
            if (!_packagesByName.TryGetValue(name.NameWithoutVersion, out var versions))
            {
                versions = new List<WitResolverPackage>();
                _packagesByName.Add(name.NameWithoutVersion, versions);
            }
            versions.Add(package);
        }
        return package;
    }

    private void AddItems(WitResolverPackage package, IReadOnlyList<WitTopLevelUse> uses, IReadOnlyList<WitInterface> interfaces, IReadOnlyList<WitWorld> worlds)
    {
        var fileUses = new Dictionary<string, WitTopLevelUse>(StringComparer.Ordinal);
        foreach (var use in uses)
        {
            if (fileUses.ContainsKey(use.LocalName)) Report(WitDiagnosticIds.DuplicateName, "the name '" + use.LocalName + "' is already given to another top-level 'use'", use.Position);
            else fileUses.Add(use.LocalName, use);
        }
        foreach (var @interface in interfaces)
        {
            if (@interface.Name is null)
            {
                AddScope(new WitResolverScope(@interface, null, package, fileUses, null, ""));
                continue;
            }
            var scope = new WitResolverScope(@interface, null, package, fileUses, null, package.Qualify(@interface.Name));
            AddScope(scope);
            if (IsTaken(package, @interface.Name, @interface.Position)) continue;
            package.Interfaces.Add(@interface.Name, scope);
        }
        foreach (var world in worlds)
        {
            var scope = new WitResolverScope(null, world, package, fileUses, null, package.Qualify(world.Name));
            AddScope(scope);
            foreach (var item in world.Items)
            {
                if (item.InlineInterface is { } inline)
                {
                    AddScope(new WitResolverScope(inline, null, package, fileUses, scope, inline.Name ?? ""));
                }
            }
            if (IsTaken(package, world.Name, world.Position)) continue;
            package.Worlds.Add(world.Name, scope);
        }
    }

    private bool IsTaken(WitResolverPackage package, string name, SourcePosition at)
    {
        if (!package.Interfaces.ContainsKey(name) && !package.Worlds.ContainsKey(name)) return false;
        string where = package.Name is null ? "this package" : "the package '" + package.Name + "'";
        Report(WitDiagnosticIds.DuplicateName, "an interface or world named '" + name + "' is already defined in " + where, at);
        return true;
    }

    private void AddScope(WitResolverScope scope)
    {
        _scopes.Add(scope);
        if (scope.Interface is not null) InterfaceScopes[scope.Interface] = scope;
        if (scope.World is not null) WorldScopes[scope.World] = scope;
    }

    /// <summary>Fills a scope's name table with its type definitions and the names its <c>use</c>s bring in.</summary>
    private void CollectNames(WitResolverScope scope)
    {
        foreach (var use in scope.Uses)
        {
            foreach (var name in use.Names)
            {
                if (scope.Names.ContainsKey(name.LocalName)) ReportDuplicate(name.LocalName, name.Position);
                else scope.Names.Add(name.LocalName, new WitResolverUseEntry(use, name));
            }
        }
        foreach (var def in scope.TypeDefs)
        {
            DefinitionOwners[def] = scope;
            if (scope.Names.ContainsKey(def.Name)) ReportDuplicate(def.Name, def.Position);
            else scope.Names.Add(def.Name, def);
        }
    }

    private void ReportDuplicate(string name, SourcePosition at) =>
        Report(WitDiagnosticIds.DuplicateName, "the name '" + name + "' is already defined in this scope (by a type or a 'use')", at);
}
