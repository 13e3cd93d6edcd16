using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>
/// One parsed WIT file. Its interfaces and worlds belong to <see cref="Package"/> (or, when the file has no
/// <c>package</c> line, to the package of the other files it is resolved with); each of
/// <see cref="NestedPackages"/> (<c>package a:b { ... }</c>) is a package of its own.
/// </summary>
/// <param name="FilePath">The file's path as given to the parser.</param>
/// <param name="Package">The <c>package ns:name@version;</c> declaration, or null.</param>
/// <param name="Uses">The top-level <c>use path as name;</c> statements.</param>
/// <param name="Interfaces">The top-level interfaces in order.</param>
/// <param name="Worlds">The top-level worlds in order.</param>
/// <param name="NestedPackages">The nested package blocks in order.</param>
/// <param name="Position">The span of the whole file.</param>
public sealed record WitDocument(
    string FilePath,
    WitPackageName? Package,
    IReadOnlyList<WitTopLevelUse> Uses,
    IReadOnlyList<WitInterface> Interfaces,
    IReadOnlyList<WitWorld> Worlds,
    IReadOnlyList<WitNestedPackage> NestedPackages,
    SourcePosition Position);

/// <summary>
/// A package name: <c>ns:name</c> with an optional <c>@version</c>. With nested namespaces and packages
/// (<c>a:b:c/d</c>) the namespaces are joined with <c>:</c> in <see cref="Namespace"/> (<c>a:b</c>) and
/// the package path with <c>/</c> in <see cref="Name"/> (<c>c/d</c>).
/// </summary>
/// <param name="Namespace">The namespace (<c>wasi</c>).</param>
/// <param name="Name">The package's name (<c>io</c>).</param>
/// <param name="Version">The semantic version (<c>0.2.0</c>), or null.</param>
/// <param name="Position">Where the name is written.</param>
public sealed record WitPackageName(string Namespace, string Name, string? Version, SourcePosition Position)
{
    /// <summary>The name without the version: <c>wasi:io</c>.</summary>
    public string NameWithoutVersion => Namespace + ":" + Name;

    /// <inheritdoc />
    public override string ToString() => NameWithoutVersion + (Version is null ? "" : "@" + Version);
}

/// <summary><c>package a:b@1.0.0 { interface ... world ... }</c>: a package defined inline in another file.</summary>
/// <param name="Package">The package's name.</param>
/// <param name="Uses">Its top-level <c>use path as name;</c> statements.</param>
/// <param name="Interfaces">Its interfaces.</param>
/// <param name="Worlds">Its worlds.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Position">Where the block is written.</param>
public sealed record WitNestedPackage(
    WitPackageName Package,
    IReadOnlyList<WitTopLevelUse> Uses,
    IReadOnlyList<WitInterface> Interfaces,
    IReadOnlyList<WitWorld> Worlds,
    string? Docs,
    SourcePosition Position);
