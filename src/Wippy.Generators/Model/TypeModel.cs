namespace Wippy.Generators.Model;

/// <summary>The primitive WIT value types.</summary>
internal enum PrimitiveKind
{
    Bool, S8, U8, S16, U16, S32, U32, S64, U64, F32, F64, Char, String,
}

/// <summary>
/// A fully resolved WIT value type, as plain equatable data. Named types (records, variants…) carry their
/// definition inline, so the tree is self-contained: aliases are already followed.
/// </summary>
internal abstract record TypeModel;

internal sealed record PrimitiveType(PrimitiveKind Kind) : TypeModel;

internal sealed record ListType(TypeModel Element) : TypeModel;

internal sealed record OptionType(TypeModel Inner) : TypeModel;

internal sealed record ResultType(TypeModel? Ok, TypeModel? Err) : TypeModel;

internal sealed record TupleType(EquatableArray<TypeModel> Elements) : TypeModel;

/// <summary>A WIT record: fields in declaration order.</summary>
internal sealed record RecordType(string WitName, string CsName, string? Docs, EquatableArray<FieldModel> Fields) : TypeModel;

/// <summary>A WIT variant; a case without payload has a null <see cref="CaseModel.Payload"/>.</summary>
internal sealed record VariantType(string WitName, string CsName, string? Docs, EquatableArray<CaseModel> Cases) : TypeModel;

/// <summary>A WIT enum: a variant whose cases carry no payload.</summary>
internal sealed record EnumType(string WitName, string CsName, string? Docs, EquatableArray<CaseModel> Cases) : TypeModel;

/// <summary>A WIT flags type (at most 32 flags).</summary>
internal sealed record FlagsType(string WitName, string CsName, string? Docs, EquatableArray<CaseModel> Flags) : TypeModel;

/// <summary>
/// A handle to a resource the entry's component defines and exports (<c>counter</c>, <c>own&lt;counter&gt;</c> or
/// <c>borrow&lt;counter&gt;</c>): in C#, the resource's generated class. An <c>own</c> result is the caller's to dispose; an
/// <c>own</c> argument is given to the guest (the C# object is disposed by the call); a <c>borrow</c> is lent for the call.
/// Only as a parameter or result of its own (not inside another type).
/// </summary>
internal sealed record ResourceType(string WitName, string CsName, bool IsBorrow) : TypeModel
{
    /// <summary>
    /// A resource of an imported interface, which the app implements: in C# the interface <c>I&lt;CsName&gt;</c> (an own
    /// the host gets is the app's to dispose; the guest's drop disposes the app's object).
    /// </summary>
    public bool IsImported { get; init; }
}

/// <summary>A record field.</summary>
internal sealed record FieldModel(string WitName, string CsName, TypeModel Type, string? Docs);

/// <summary>A case of a variant or enum, or a flag.</summary>
internal sealed record CaseModel(string WitName, string CsName, TypeModel? Payload, string? Docs);
