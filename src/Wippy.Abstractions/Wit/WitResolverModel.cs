namespace Wippy.Wit;

/// <summary>A package as the resolver sees it: its interfaces and worlds, gathered from every file that declares it.</summary>
internal sealed class WitResolverPackage
{
    public WitResolverPackage(WitPackageName? name)
    {
        Name = name;
    }

    /// <summary>The name, or null for the package of documents that declare none.</summary>
    public WitPackageName? Name { get; }

    public Dictionary<string, WitResolverScope> Interfaces { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, WitResolverScope> Worlds { get; } = new(StringComparer.Ordinal);

    /// <summary><c>ns:pkg/item@version</c>, <c>ns:pkg/item</c>, or the bare item name for a package without a name.</summary>
    public string Qualify(string item) => Name is null
        ? item
        : Name.NameWithoutVersion + "/" + item + (Name.Version is null ? "" : "@" + Name.Version);
}

/// <summary>A scope of names: an interface (named, inline or anonymous) or a world.</summary>
internal sealed class WitResolverScope
{
    public WitResolverScope(WitInterface? @interface, WitWorld? world, WitResolverPackage package, Dictionary<string, WitTopLevelUse> fileUses, WitResolverScope? parent, string qualifiedName)
    {
        Interface = @interface;
        World = world;
        Package = package;
        FileUses = fileUses;
        Parent = parent;
        QualifiedName = qualifiedName;
    }

    public WitInterface? Interface { get; }
    public WitWorld? World { get; }
    public WitResolverPackage Package { get; }

    /// <summary>The top-level <c>use path as name;</c> statements of the file (or nested package) the scope is written in.</summary>
    public Dictionary<string, WitTopLevelUse> FileUses { get; }

    /// <summary>The enclosing world of an inline interface, whose names it can also see; otherwise null.</summary>
    public WitResolverScope? Parent { get; }

    public string QualifiedName { get; }

    /// <summary>Each local name: a <see cref="WitTypeDef"/> or a <see cref="WitResolverUseEntry"/>.</summary>
    public Dictionary<string, object> Names { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, WitResolvedType?> Resolved { get; } = new(StringComparer.Ordinal);

    public HashSet<string> InProgress { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<WitUse> Uses => Interface?.Uses ?? World?.Uses ?? (IReadOnlyList<WitUse>)Array.Empty<WitUse>();

    public IReadOnlyList<WitTypeDef> TypeDefs => Interface?.TypeDefs ?? World?.TypeDefs ?? (IReadOnlyList<WitTypeDef>)Array.Empty<WitTypeDef>();
}

/// <summary>A name brought into a scope by <c>use</c>.</summary>
internal sealed class WitResolverUseEntry
{
    public WitResolverUseEntry(WitUse use, WitUseName name)
    {
        Use = use;
        Name = name;
    }

    public WitUse Use { get; }
    public WitUseName Name { get; }
}
