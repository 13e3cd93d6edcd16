using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>An entry's <c>meta</c> block: a free map; <c>comment</c> and <c>title</c> by convention.</summary>
public sealed class EntryMeta
{
    /// <summary>The meta of an entry that has none.</summary>
    public static EntryMeta Empty { get; } = new(new Dictionary<string, string>(StringComparer.Ordinal), null);

    /// <summary>Creates a meta block.</summary>
    /// <param name="values">Every key whose value is a scalar, with that value as text.</param>
    /// <param name="position">Where the block is, or <see langword="null"/> when absent.</param>
    public EntryMeta(IReadOnlyDictionary<string, string> values, SourcePosition? position)
    {
        Values = values;
        Position = position;
    }

    /// <summary>Every key whose value is a scalar, with that value as text (maps and lists are left out).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>Where the block is, or <see langword="null"/> when the entry has no <c>meta</c>.</summary>
    public SourcePosition? Position { get; }

    /// <summary><c>meta.comment</c>, or <see langword="null"/>.</summary>
    public string? Comment => Get("comment");

    /// <summary><c>meta.title</c>, or <see langword="null"/>.</summary>
    public string? Title => Get("title");

    /// <summary>The scalar value of <paramref name="key"/>, or <see langword="null"/>.</summary>
    /// <param name="key">A meta key.</param>
    public string? Get(string key) => Values.TryGetValue(key, out var value) ? value : null;
}
