using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>What every entry has, read before its kind's own fields.</summary>
internal sealed record EntryHeader(
    string Name,
    string Kind,
    string Namespace,
    EntryMeta Meta,
    ProcessCommand? Command,
    SourcePosition Position,
    SourcePosition NamePosition,
    SourcePosition KindPosition,
    IReadOnlyDictionary<string, SourcePosition> FieldPositions);
