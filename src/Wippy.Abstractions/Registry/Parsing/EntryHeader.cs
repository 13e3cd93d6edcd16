using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// What every entry has, read before its kind's own fields. <paramref name="MetaFields"/> reads fields of the
/// <c>meta</c> block that a kind gives a meaning to (<c>meta.server</c> of an http.router), with their positions; null
/// when the entry has no <c>meta</c> map.
/// </summary>
internal sealed record EntryHeader(
    string Name,
    string Kind,
    string Namespace,
    EntryMeta Meta,
    ProcessCommand? Command,
    SourcePosition Position,
    SourcePosition NamePosition,
    SourcePosition KindPosition,
    IReadOnlyDictionary<string, SourcePosition> FieldPositions,
    FieldReader? MetaFields);
