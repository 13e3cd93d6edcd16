using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>
/// An interface: <c>interface name { ... }</c>, an inline <c>import name: interface { ... }</c> of a world
/// (named after the import or export), or the anonymous interface (<see cref="Name"/> null) that
/// <see cref="WitParser.ParseSignatures"/> returns for a bare list of signatures.
/// </summary>
/// <param name="Name">The interface's name, or null for the anonymous interface of a bare signature block.</param>
/// <param name="Uses">The <c>use</c> statements.</param>
/// <param name="TypeDefs">The type definitions in order.</param>
/// <param name="Functions">The freestanding functions in order (resource functions live in their <see cref="WitResource"/>).</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where the interface is written.</param>
public sealed record WitInterface(
    string? Name,
    IReadOnlyList<WitUse> Uses,
    IReadOnlyList<WitTypeDef> TypeDefs,
    IReadOnlyList<WitFunction> Functions,
    string? Docs,
    IReadOnlyList<WitGate> Gates,
    SourcePosition Position);
