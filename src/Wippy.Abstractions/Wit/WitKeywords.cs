namespace Wippy.Wit;

/// <summary>The reserved words of WIT; a name spelled like one must be written with a leading <c>%</c>.</summary>
public static class WitKeywords
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "as", "async", "bool", "borrow", "char", "constructor", "enum", "export", "f32", "f64", "flags", "from",
        "func", "future", "import", "include", "interface", "list", "map", "option", "own", "package", "record",
        "resource", "result", "s16", "s32", "s64", "s8", "static", "stream", "string", "tuple", "type", "u16",
        "u32", "u64", "u8", "use", "variant", "with", "world", "error-context",
    };

    /// <summary>True when <paramref name="word"/> is a WIT keyword (so it needs <c>%</c> to be used as a name).</summary>
    /// <param name="word">A word without <c>%</c>.</param>
    public static bool IsKeyword(string word) => Keywords.Contains(word);
}
