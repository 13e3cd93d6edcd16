using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>
/// The result of <see cref="WitResolver.Resolve"/>: the diagnostics, and questions about the resolved
/// documents. Nodes are matched by identity: ask about the <see cref="WitType"/>, <see cref="WitInterface"/>,
/// <see cref="WitWorld"/> and <see cref="WitUsePath"/> objects of the documents that were resolved.
/// <para>
/// To get, for a function, each parameter and result type with its named references resolved: walk the
/// type (<see cref="ReferencesIn"/> does it) and call <see cref="Resolve(WitType)"/> on each
/// <see cref="WitNamedType"/>/<see cref="WitHandleType"/>; a definition's own fields and payloads are
/// references of its owner's scope, so the same call works for them.
/// </para>
/// </summary>
public sealed class WitResolution
{
    private readonly WitResolverRun _run;

    internal WitResolution(WitResolverRun run)
    {
        _run = run;
    }

    /// <summary>What could not be resolved (empty when everything was found).</summary>
    public IReadOnlyList<WippyDiagnostic> Diagnostics => _run.Diagnostics;

    /// <summary>The documents that were resolved.</summary>
    public IReadOnlyList<WitDocument> Documents => _run.Documents;

    /// <summary>
    /// The definition of a type reference: a <see cref="WitNamedType"/> or the resource of a
    /// <see cref="WitHandleType"/> written anywhere in the documents. Null for other kinds of type and for
    /// a reference that could not be resolved (reported in <see cref="Diagnostics"/>).
    /// </summary>
    /// <param name="type">A type node of one of the resolved documents.</param>
    public WitResolvedType? Resolve(WitType type) =>
        type is not null && _run.References.TryGetValue(type, out var resolved) ? resolved : null;

    /// <summary>The definition that <paramref name="name"/> denotes inside an interface (named, inline or anonymous), or null.</summary>
    /// <param name="scope">An interface of one of the resolved documents.</param>
    /// <param name="name">A type name as written there (without <c>%</c>), local or brought in by <c>use</c>.</param>
    public WitTypeDef? Lookup(WitInterface scope, string name) => LookupResolved(scope, name)?.Definition;

    /// <summary>The definition that <paramref name="name"/> denotes inside a world, or null.</summary>
    /// <param name="scope">A world of one of the resolved documents.</param>
    /// <param name="name">A type name as written there (without <c>%</c>).</param>
    public WitTypeDef? Lookup(WitWorld scope, string name) => LookupResolved(scope, name)?.Definition;

    /// <summary>Like <see cref="Lookup(WitInterface, string)"/>, with the owner of the definition.</summary>
    /// <param name="scope">An interface of one of the resolved documents.</param>
    /// <param name="name">A type name as written there.</param>
    public WitResolvedType? LookupResolved(WitInterface scope, string name) =>
        scope is not null && _run.InterfaceScopes.TryGetValue(scope, out var s) ? _run.Lookup(s, name) : null;

    /// <summary>Like <see cref="Lookup(WitWorld, string)"/>, with the owner of the definition.</summary>
    /// <param name="scope">A world of one of the resolved documents.</param>
    /// <param name="name">A type name as written there.</param>
    public WitResolvedType? LookupResolved(WitWorld scope, string name) =>
        scope is not null && _run.WorldScopes.TryGetValue(scope, out var s) ? _run.Lookup(s, name) : null;

    /// <summary>Follows <c>type a = b;</c> chains to the first definition that is not an alias of a name (a cycle stops where it closes).</summary>
    /// <param name="resolved">A resolved reference.</param>
    public WitResolvedType ResolveAliases(WitResolvedType resolved) => _run.ResolveAliases(resolved);

    /// <summary>Follows <c>type a = b;</c> chains from a definition of the resolved documents; returns the definition itself when it is not an alias of a name.</summary>
    /// <param name="definition">A type definition of one of the resolved documents.</param>
    public WitTypeDef ResolveAliases(WitTypeDef definition)
    {
        if (!_run.DefinitionOwners.TryGetValue(definition, out var owner)) return definition;
        return _run.ResolveAliases(new WitResolvedType(definition, owner.QualifiedName, owner.Interface, owner.World)).Definition;
    }

    /// <summary>The interface or world that defines <paramref name="definition"/>, as a <see cref="WitResolvedType"/>, or null when it is not in the documents.</summary>
    /// <param name="definition">A type definition of one of the resolved documents.</param>
    public WitResolvedType? OwnerOf(WitTypeDef definition) =>
        definition is not null && _run.DefinitionOwners.TryGetValue(definition, out var owner)
            ? new WitResolvedType(definition, owner.QualifiedName, owner.Interface, owner.World)
            : null;

    /// <summary>
    /// The interface's qualified name (<c>wasi:io/streams@0.2.0</c>; see <see cref="WitResolvedType.OwnerQualifiedName"/>
    /// for the other forms), or null when it is not in the documents.
    /// </summary>
    /// <param name="interface">An interface of one of the resolved documents.</param>
    public string? QualifiedName(WitInterface @interface) =>
        @interface is not null && _run.InterfaceScopes.TryGetValue(@interface, out var s) ? s.QualifiedName : null;

    /// <summary>The world's qualified name (<c>wasi:cli/command@0.2.0</c>), or null when it is not in the documents.</summary>
    /// <param name="world">A world of one of the resolved documents.</param>
    public string? QualifiedName(WitWorld world) =>
        world is not null && _run.WorldScopes.TryGetValue(world, out var s) ? s.QualifiedName : null;

    /// <summary>The package an interface belongs to, or null when it has no name or the interface is not in the documents.</summary>
    /// <param name="interface">An interface of one of the resolved documents.</param>
    public WitPackageName? PackageOf(WitInterface @interface) =>
        @interface is not null && _run.InterfaceScopes.TryGetValue(@interface, out var s) ? s.Package.Name : null;

    /// <summary>
    /// The interface named by a path written in the documents (<c>use</c>, <c>import</c>/<c>export</c>), or
    /// null when it could not be resolved (reported) or the path is not one of the documents'.
    /// </summary>
    /// <param name="path">A path node of one of the resolved documents.</param>
    public WitInterface? ResolveInterface(WitUsePath path) =>
        path is not null && _run.InterfacePaths.TryGetValue(path, out var s) ? s?.Interface : null;

    /// <summary>The world named by an <c>include</c> path of the documents, or null.</summary>
    /// <param name="path">An include's path node.</param>
    public WitWorld? ResolveWorld(WitUsePath path) =>
        path is not null && _run.WorldPaths.TryGetValue(path, out var s) ? s?.World : null;

    /// <summary>
    /// Each reference written inside <paramref name="type"/> (outermost first), with its definition, or null
    /// when unresolved: for <c>list&lt;user&gt;</c> one entry for <c>user</c>.
    /// </summary>
    /// <param name="type">A type node of one of the resolved documents.</param>
    public IReadOnlyList<KeyValuePair<WitType, WitResolvedType?>> ReferencesIn(WitType? type)
    {
        var found = new List<KeyValuePair<WitType, WitResolvedType?>>();
        WitTypeWalker.VisitReferences(type, node => found.Add(new KeyValuePair<WitType, WitResolvedType?>(node, Resolve(node))));
        return found;
    }
}
