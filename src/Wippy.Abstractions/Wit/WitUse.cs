using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>
/// The name of an interface (or, after <c>include</c>, of a world) as written in <c>use</c>, <c>import</c>,
/// <c>export</c> and <c>include</c>: either a bare <c>name</c> of the same package, or a qualified
/// <c>ns:pkg/name@1.2.3</c>. With nested namespaces (<c>a:b:c/d/e</c>) the namespaces are joined with
/// <c>:</c> (<c>a:b</c>) and the package path with <c>/</c> (<c>c/d</c>).
/// </summary>
/// <param name="PackageNamespace">The package's namespace (<c>wasi</c>), or null for a bare name.</param>
/// <param name="PackageName">The package's name (<c>io</c>), or null for a bare name.</param>
/// <param name="InterfaceName">The interface's (or world's) name (<c>streams</c>).</param>
/// <param name="Version">The package version (<c>0.2.0</c>), or null when none is written.</param>
/// <param name="Position">Where the path is written.</param>
public sealed record WitUsePath(string? PackageNamespace, string? PackageName, string InterfaceName, string? Version, SourcePosition Position)
{
    /// <summary>True when the path names a package (<c>ns:pkg/name</c>), false for a bare name.</summary>
    public bool IsQualified => PackageName is not null;

    /// <inheritdoc />
    public override string ToString() => IsQualified
        ? PackageNamespace + ":" + PackageName + "/" + InterfaceName + (Version is null ? "" : "@" + Version)
        : InterfaceName;
}

/// <summary><c>use path.{a, b as c};</c> inside an interface or world: brings types of another interface into scope.</summary>
/// <param name="Path">The interface the names come from.</param>
/// <param name="Names">The names brought in.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where the statement is written.</param>
public sealed record WitUse(WitUsePath Path, IReadOnlyList<WitUseName> Names, string? Docs, IReadOnlyList<WitGate> Gates, SourcePosition Position);

/// <summary>One name of a <see cref="WitUse"/>: <c>a</c> or <c>a as b</c>.</summary>
/// <param name="Name">The name in the interface it comes from.</param>
/// <param name="Alias">The local name after <c>as</c>, or null.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitUseName(string Name, string? Alias, SourcePosition Position)
{
    /// <summary>The name by which the type is known in the using scope: the alias when there is one.</summary>
    public string LocalName => Alias ?? Name;
}

/// <summary><c>use ns:pkg/iface@1.0.0 as name;</c> at the top level of a file: names an interface for the rest of the file.</summary>
/// <param name="Path">The interface.</param>
/// <param name="Alias">The name after <c>as</c>, or null.</param>
/// <param name="Position">Where the statement is written.</param>
public sealed record WitTopLevelUse(WitUsePath Path, string? Alias, SourcePosition Position)
{
    /// <summary>The name by which the interface is known in the file: the alias, or else the interface's own name.</summary>
    public string LocalName => Alias ?? Path.InterfaceName;
}
