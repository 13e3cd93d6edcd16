namespace Wippy.Wit;

/// <summary>Joins doc comments found before and after an item's gates.</summary>
internal static class WitSyntaxDocs
{
    public static string? Merge(string? before, string? after)
    {
        if (before is null) return after;
        if (after is null) return before;
        return before + "\n" + after;
    }
}
