using Wippy.Diagnostics;

namespace Wippy.Wit;

/// <summary>A named type definition of an interface or world: alias, record, variant, enum, flags or resource.</summary>
/// <param name="Name">The type's name (without <c>%</c>).</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates written before the definition.</param>
/// <param name="Position">Where the definition is written.</param>
public abstract record WitTypeDef(string Name, string? Docs, IReadOnlyList<WitGate> Gates, SourcePosition Position);

/// <summary><c>type name = target;</c></summary>
/// <param name="Name">The alias's name.</param>
/// <param name="Target">The aliased type.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitTypeAlias(string Name, WitType Target, string? Docs, IReadOnlyList<WitGate> Gates, SourcePosition Position)
    : WitTypeDef(Name, Docs, Gates, Position);

/// <summary><c>record name { field: type, ... }</c></summary>
/// <param name="Name">The record's name.</param>
/// <param name="Fields">The fields in order.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitRecord(string Name, IReadOnlyList<WitField> Fields, string? Docs, IReadOnlyList<WitGate> Gates, SourcePosition Position)
    : WitTypeDef(Name, Docs, Gates, Position);

/// <summary>A record field.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Type">Its type.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitField(string Name, WitType Type, string? Docs, SourcePosition Position);

/// <summary><c>variant name { case, case(payload), ... }</c></summary>
/// <param name="Name">The variant's name.</param>
/// <param name="Cases">The cases in order.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitVariant(string Name, IReadOnlyList<WitCase> Cases, string? Docs, IReadOnlyList<WitGate> Gates, SourcePosition Position)
    : WitTypeDef(Name, Docs, Gates, Position);

/// <summary>A variant case.</summary>
/// <param name="Name">The case's name.</param>
/// <param name="Payload">The payload type, or null for a case without one.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitCase(string Name, WitType? Payload, string? Docs, SourcePosition Position);

/// <summary><c>enum name { a, b, ... }</c></summary>
/// <param name="Name">The enum's name.</param>
/// <param name="Cases">The cases in order.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitEnum(string Name, IReadOnlyList<WitEnumCase> Cases, string? Docs, IReadOnlyList<WitGate> Gates, SourcePosition Position)
    : WitTypeDef(Name, Docs, Gates, Position);

/// <summary>An enum case.</summary>
/// <param name="Name">The case's name.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitEnumCase(string Name, string? Docs, SourcePosition Position);

/// <summary><c>flags name { a, b, ... }</c></summary>
/// <param name="Name">The flags type's name.</param>
/// <param name="Flags">The flags in order (bit 0 first).</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitFlags(string Name, IReadOnlyList<WitFlag> Flags, string? Docs, IReadOnlyList<WitGate> Gates, SourcePosition Position)
    : WitTypeDef(Name, Docs, Gates, Position);

/// <summary>One flag of a <see cref="WitFlags"/>.</summary>
/// <param name="Name">The flag's name.</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitFlag(string Name, string? Docs, SourcePosition Position);

/// <summary><c>resource name;</c> or <c>resource name { constructor(...); method: func(...); f: static func(...); }</c></summary>
/// <param name="Name">The resource's name.</param>
/// <param name="Functions">Its constructor, methods and static functions, in order (empty for <c>resource name;</c>).</param>
/// <param name="Docs">The doc comment, or null.</param>
/// <param name="Gates">The feature gates.</param>
/// <param name="Position">Where it is written.</param>
public sealed record WitResource(string Name, IReadOnlyList<WitFunction> Functions, string? Docs, IReadOnlyList<WitGate> Gates, SourcePosition Position)
    : WitTypeDef(Name, Docs, Gates, Position);
