using Wippy.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>
/// Reads the fields of one YAML map (an entry's root or a nested block such as <c>pool</c>) and reports what is
/// missing, mistyped or unknown. <c>owner</c> names the entry in messages; <c>prefix</c> is the block's path
/// (<c>pool.</c>, <c>wasi.env[1].</c>).
/// </summary>
internal sealed class FieldReader
{
    private readonly List<MapField> fields = new();

    private FieldReader(ParseContext context, YamlMappingNode node, string owner, string prefix)
    {
        Context = context;
        Owner = owner;
        Prefix = prefix;
        Position = context.PositionOf(node);
        foreach (var pair in node.Children)
        {
            if (pair.Key is YamlScalarNode key && key.Value is { } name)
            {
                fields.Add(new MapField(name, key, pair.Value));
            }
            else
            {
                ScalarReader.WrongType(context, pair.Key, owner, prefix + "<key>", "a plain field name", "\"name: value\"");
            }
        }
    }

    public ParseContext Context { get; }

    public string Owner { get; set; }

    public string Prefix { get; }

    /// <summary>Where the map starts.</summary>
    public SourcePosition Position { get; }

    public IReadOnlyList<MapField> Fields => fields;

    /// <summary>A reader over <paramref name="node"/> when it is a map; otherwise reports <paramref name="path"/> as mistyped.</summary>
    public static FieldReader? Create(ParseContext context, YamlNode node, string owner, string path, string prefix, string hint)
    {
        if (node is YamlMappingNode map)
        {
            return new FieldReader(context, map, owner, prefix);
        }

        ScalarReader.WrongType(context, node, owner, path, "a map", hint);
        return null;
    }

    public string PathOf(string key) => Prefix + key;

    public MapField? Find(string key)
    {
        foreach (var field in fields)
        {
            if (string.Equals(field.Key, key, StringComparison.Ordinal))
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The value of <paramref name="key"/>, or <see langword="null"/> when absent or YAML null.</summary>
    public YamlNode? Node(string key)
    {
        var node = Find(key)?.Value;
        return ScalarReader.IsNull(node) ? null : node;
    }

    /// <summary>The position of <paramref name="key"/>'s value, or of the map when absent.</summary>
    public SourcePosition PositionOf(string key) => Find(key) is { } field ? Context.PositionOf(field.Value) : Position;

    /// <summary>Reports that <paramref name="key"/> is missing (at the map's position).</summary>
    public void Missing(string key, string hint) =>
        Context.Report(
            RegistryDiagnosticIds.MissingRequiredField,
            $"{Owner} is missing the required field '{PathOf(key)}'; add e.g. {hint}",
            Position);

    /// <summary>Text of <paramref name="key"/>; <see langword="null"/> when absent, mistyped, or (when required) empty, with the diagnostic.</summary>
    public string? String(string key, string hint, bool required = false)
    {
        var node = Node(key);
        if (node is null)
        {
            if (required)
            {
                Missing(key, hint);
            }

            return null;
        }

        var text = ScalarReader.Text(Context, node, Owner, PathOf(key), hint);
        if (text is { Length: 0 })
        {
            if (required)
            {
                Context.Report(
                    RegistryDiagnosticIds.MissingRequiredField,
                    $"{Owner}: '{PathOf(key)}' is empty; write e.g. {hint}",
                    Context.PositionOf(node));
            }

            return null;
        }

        return text;
    }

    /// <summary>A whole number, or <see langword="null"/> when absent or mistyped.</summary>
    public long? Integer(string key, string hint, long max) =>
        Node(key) is { } node ? ScalarReader.Integer(Context, node, Owner, PathOf(key), hint, max) : null;

    /// <summary>A boolean, or <see langword="null"/> when absent or mistyped.</summary>
    public bool? Boolean(string key, string hint) =>
        Node(key) is { } node ? ScalarReader.Boolean(Context, node, Owner, PathOf(key), hint) : null;

    /// <summary>A list, or <see langword="null"/> when absent or mistyped.</summary>
    public YamlSequenceNode? List(string key, string hint)
    {
        var node = Node(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlSequenceNode list)
        {
            return list;
        }

        ScalarReader.WrongType(Context, node, Owner, PathOf(key), "a list", hint);
        return null;
    }

    /// <summary>
    /// The text items of <paramref name="list"/> (the list read for <paramref name="key"/>), each with its path
    /// (<c>key[i]</c>) and position; an item that is not text is reported with <paramref name="itemHint"/> and skipped.
    /// </summary>
    public IEnumerable<(string Text, string Path, SourcePosition Position)> TextItems(YamlSequenceNode list, string key, string itemHint)
    {
        var index = 0;
        foreach (var item in list.Children)
        {
            var path = PathOf($"{key}[{index++}]");
            if (ScalarReader.Text(Context, item, Owner, path, itemHint) is { } text)
            {
                yield return (text, path, Context.PositionOf(item));
            }
        }
    }

    /// <summary>A reader over the nested map <paramref name="key"/>, or <see langword="null"/> when absent or mistyped.</summary>
    public FieldReader? Map(string key, string hint) =>
        Node(key) is { } node ? Create(Context, node, Owner, PathOf(key), PathOf(key) + ".", hint) : null;

    /// <summary>Warns about every field not in <paramref name="known"/>, naming the known ones.</summary>
    public void ReportUnknown(IReadOnlyList<string> known, string what)
    {
        foreach (var field in fields)
        {
            if (!Contains(known, field.Key))
            {
                Context.Report(
                    RegistryDiagnosticIds.UnknownField,
                    $"{Owner}: unknown field '{PathOf(field.Key)}' is ignored; {what} has the fields {string.Join(", ", known)}",
                    Context.PositionOf(field.KeyNode));
            }
        }
    }

    private static bool Contains(IReadOnlyList<string> list, string value)
    {
        foreach (var item in list)
        {
            if (string.Equals(item, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
