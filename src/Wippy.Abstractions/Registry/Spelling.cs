namespace Wippy.Registry;

/// <summary>"Did you mean": the known name closest to a misspelled one, when it is close enough to be the one meant.</summary>
internal static class Spelling
{
    /// <summary>
    /// The name of <paramref name="known"/> at the smallest edit distance from <paramref name="written"/> (letters
    /// added, removed, changed or swapped, case ignored), if that distance is at most 2 and less than a third of the
    /// name's length; null otherwise (nothing is close enough to guess).
    /// </summary>
    public static string? Closest(string written, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in known)
        {
            var distance = Distance(written.ToLowerInvariant(), name.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = name;
                bestDistance = distance;
            }
        }
        return best is not null && bestDistance <= 2 && bestDistance * 3 < best.Length ? best : null;
    }

    /// <summary>The optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1.</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
