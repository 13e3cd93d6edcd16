using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary><c>world name { import ...; export ...; include ...; use ...; type definitions }</c></summary>
/// <param name="Name">The world's name.</param>
/// <param name="Items">The imports and exports in order.</param>
/// <param name="Includes">The <c>include</c> statements.</param>
/// <param name="Uses">The <c>use</c> statements.</param>
/// <param name="TypeDefs">The type definitions written in the world.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where the world is written.</param>
public sealed record WitWorld(
    string Name,
    IReadOnlyList<WitWorldItem> Items,
    IReadOnlyList<WitInclude> Includes,
    IReadOnlyList<WitUse> Uses,
    IReadOnlyList<WitTypeDef> TypeDefs,
    string? Docs,
    IReadOnlyList<WitGate> Gates,
    SourcePosition Position);

/// <summary>
/// One import or export of a world. Exactly one of <see cref="InterfaceRef"/>, <see cref="InlineInterface"/>
/// and <see cref="Function"/> is set:
/// <list type="bullet">
/// <item><c>import wasi:io/streams@0.2.0;</c> / <c>export handler;</c>: <see cref="Name"/> null, <see cref="InterfaceRef"/> set;</item>
/// <item><c>import cache: wasi:keyvalue/store;</c>: <see cref="Name"/> and <see cref="InterfaceRef"/> set;</item>
/// <item><c>import host: interface { ... }</c>: <see cref="Name"/> and <see cref="InlineInterface"/> set;</item>
/// <item><c>export run: func() -&gt; s32;</c>: <see cref="Name"/> and <see cref="Function"/> set.</item>
/// </list>
/// </summary>
/// <param name="IsImport">True for <c>import</c>, false for <c>export</c>.</param>
/// <param name="Name">The plain name before <c>:</c>, or null for <c>import path;</c>.</param>
/// <param name="InterfaceRef">The interface named by path, or null.</param>
/// <param name="InlineInterface">The inline interface, or null.</param>
/// <param name="Function">The function, or null.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where the item is written.</param>
public sealed record WitWorldItem(
    bool IsImport,
    string? Name,
    WitUsePath? InterfaceRef,
    WitInterface? InlineInterface,
    WitFunction? Function,
    string? Docs,
    IReadOnlyList<WitGate> Gates,
    SourcePosition Position);

/// <summary><c>include other-world;</c> or <c>include ns:pkg/world@1.0.0 with { a as b };</c></summary>
/// <param name="World">The included world.</param>
/// <param name="With">The renames after <c>with</c> (empty when there is none).</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where the statement is written.</param>
public sealed record WitInclude(WitUsePath World, IReadOnlyList<WitIncludeName> With, string? Docs, IReadOnlyList<WitGate> Gates, SourcePosition Position);

/// <summary>One rename of an <c>include ... with { name as alias }</c>.</summary>
/// <param name="Name">The plain name in the included world.</param>
/// <param name="Alias">Its new name.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitIncludeName(string Name, string Alias, SourcePosition Position);
