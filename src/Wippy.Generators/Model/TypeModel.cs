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
/// Anywhere a value type goes: a parameter, a result, a field, an element, a case's payload.
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

/// <summary>Questions about the types a type is made of.</summary>
internal static class TypeModelWalk
{
    /// <summary>The resource handles in <paramref name="type"/>: itself, or inside its fields, elements, cases…, depth first, each once.</summary>
    public static IEnumerable<ResourceType> Resources(this TypeModel? type)
    {
        var seen = new HashSet<ResourceType>();
        foreach (var r in Walk(type)) if (seen.Add(r)) yield return r;
    }

    /// <summary>Whether a resource handle is in <paramref name="type"/> (itself or anywhere inside it).</summary>
    public static bool HasResource(this TypeModel? type) => Walk(type).Any();

    /// <summary>Whether a handle to a resource the guest exports (not an imported interface's) is in <paramref name="type"/>.</summary>
    public static bool HasGuestResource(this TypeModel? type) => Walk(type).Any(r => !r.IsImported);

    /// <summary>
    /// How many borrowed handles a value of <paramref name="type"/> can hold: 0, 1, or 2 for "more than one" (a list of
    /// them, or several fields that are).
    /// </summary>
    public static int Borrows(this TypeModel? type)
    {
        var count = type switch
        {
            ResourceType r => r.IsBorrow ? 1 : 0,
            ListType l => l.Element.Borrows() * 2,
            OptionType o => o.Inner.Borrows(),
            ResultType r => Math.Max(r.Ok.Borrows(), r.Err.Borrows()),
            TupleType t => t.Elements.Sum(e => e.Borrows()),
            RecordType r => r.Fields.Sum(f => f.Type.Borrows()),
            VariantType v => v.Cases.Select(c => c.Payload.Borrows()).DefaultIfEmpty(0).Max(),
            _ => 0,
        };
        return Math.Min(count, 2);
    }

    /// <summary>
    /// The types <paramref name="type"/> is made of, one level down, in order: a list's element, an option's inner type,
    /// a result's ok and err, a tuple's elements, a record's fields, a variant's payloads (those present).
    /// </summary>
    public static IEnumerable<TypeModel> Children(this TypeModel? type)
    {
        IEnumerable<TypeModel?> children = type switch
        {
            ListType l => [l.Element],
            OptionType o => [o.Inner],
            ResultType r => [r.Ok, r.Err],
            TupleType t => t.Elements,
            RecordType r => r.Fields.Select(f => f.Type),
            VariantType v => v.Cases.Select(c => c.Payload),
            _ => [],
        };
        return children.Where(c => c is not null)!;
    }

    // Named types are never recursive (the mapper refuses recursion), so this ends.
    private static IEnumerable<ResourceType> Walk(TypeModel? type) =>
        type is ResourceType r ? [r] : type.Children().SelectMany(Walk);
}
