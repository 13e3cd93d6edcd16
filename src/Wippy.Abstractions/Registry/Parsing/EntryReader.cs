using Wippy.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>Reads one item of <c>entries</c>: <c>name</c>, <c>kind</c>, <c>meta</c>, then the kind's own fields.</summary>
internal static class EntryReader
{
    /// <summary>The entry, or <see langword="null"/> when it has no usable name or kind (the problem was reported).</summary>
    public static RegistryEntry? Read(ParseContext ctx, YamlNode node, int index)
    {
        var label = $"entries[{index}]";
        var entry = FieldReader.Create(ctx, node, label, label, string.Empty, "\"- name: answer\" followed by \"kind: function.wat\" and the kind's fields");
        if (entry is null)
        {
            return null;
        }

        var name = entry.String("name", "\"name: answer\" (unique within the namespace)", required: true);
        var nameIsValid = name is null || RegistryNames.IsValidEntryName(name);
        if (!nameIsValid)
        {
            ctx.Report(
                RegistryDiagnosticIds.InvalidEntryName,
                $"{label}: entry name '{name}' is not valid; use letters, digits, '_', '-' and '.', e.g. \"name: {RegistryNames.SuggestEntryName(name!)}\"",
                entry.PositionOf("name"));
        }

        if (name is not null)
        {
            entry.Owner = $"entry '{ctx.Namespace}:{name}'";
        }

        var kind = entry.String("kind", "\"kind: function.wasm\"", required: true);
        if (kind is null)
        {
            return null;
        }

        entry.Owner = name is null ? $"{label} ({kind})" : $"entry '{ctx.Namespace}:{name}' ({kind})";
        var header = ReadHeader(ctx, entry, name ?? string.Empty, kind);
        var result = RegistryKinds.Find(kind)?.Read is { } read ? read(entry, header) : ReadUnknown(ctx, entry, header);
        result.CopyHeader(header); // name, kind, namespace, meta and positions: the same for every kind
        return name is not null && nameIsValid ? result : null;
    }

    private static EntryHeader ReadHeader(ParseContext ctx, FieldReader entry, string name, string kind)
    {
        var positions = new Dictionary<string, SourcePosition>(StringComparer.Ordinal);
        foreach (var field in entry.Fields)
        {
            positions[field.Key] = ctx.PositionOf(field.Value);
        }

        var (meta, command, metaFields) = ReadMeta(entry, kind);
        return new EntryHeader(
            name, kind, ctx.Namespace, meta, command, entry.Position, entry.PositionOf("name"), entry.PositionOf("kind"), positions, metaFields);
    }

    private static (EntryMeta Meta, ProcessCommand? Command, FieldReader? Fields) ReadMeta(FieldReader entry, string kind)
    {
        var meta = entry.Map("meta", "\"meta: { comment: what this entry does }\"");
        if (meta is null)
        {
            return (EntryMeta.Empty, null, null);
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in meta.Fields)
        {
            if (field.Value is YamlScalarNode scalar && !ScalarReader.IsNull(scalar))
            {
                values[field.Key] = scalar.Value ?? string.Empty;
            }
        }

        ProcessCommand? command = null;
        if (string.Equals(kind, RegistryKinds.ProcessWasm, StringComparison.Ordinal))
        {
            var block = meta.Map("command", "\"command: { name: migrate, short: Run the migrations }\"");
            if (block is not null)
            {
                block.ReportUnknown(new[] { "name", "short" }, "meta.command");
                var commandName = block.String("name", "\"name: migrate\" (run it as <app> run migrate)", required: true);
                var summary = block.String("short", "\"short: Run the migrations\"");
                if (commandName is not null)
                {
                    command = new ProcessCommand(commandName, summary, block.Position);
                }
            }
        }

        return (new EntryMeta(values, meta.Position), command, meta);
    }

    private static UnknownEntry ReadUnknown(ParseContext ctx, FieldReader entry, EntryHeader header)
    {
        if (!RegistryKinds.IsKnown(header.Kind) && Spelling.Closest(header.Kind, RegistryKinds.All.Select(k => k.Name)) is { } meant)
        {
            ctx.Report(
                RegistryDiagnosticIds.MisspelledKind,
                $"{entry.Owner}: unknown kind '{header.Kind}'; did you mean '{meant}'? Write \"kind: {meant}\" (until then the entry is left out)",
                header.KindPosition);
        }
        else if (!RegistryKinds.IsKnown(header.Kind))
        {
            ctx.Report(
                RegistryDiagnosticIds.UnknownKind,
                $"{entry.Owner}: unknown kind '{header.Kind}', the entry is ignored; known kinds are {string.Join(", ", RegistryKinds.Implemented)}, {string.Join(", ", RegistryKinds.KnownNotImplemented)}",
                header.KindPosition);
        }

        var scalars = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in entry.Fields)
        {
            if (field.Key is not ("name" or "kind" or "meta") && field.Value is YamlScalarNode scalar && !ScalarReader.IsNull(scalar))
            {
                scalars[field.Key] = scalar.Value ?? string.Empty;
            }
        }

        return new UnknownEntry
        {
            ScalarFields = scalars,
        };
    }
}
