using System.Text;

namespace Wippy.Wit;

/// <summary>Turns the inside of a <c>/** ... */</c> doc comment into plain text.</summary>
internal static class WitDocText
{
    /// <summary>
    /// Strips each line's leading whitespace and a leading <c>*</c> (with one space after it), and drops
    /// blank first and last lines.
    /// </summary>
    public static string FromBlock(string inner)
    {
        string[] lines = inner.Replace("\r\n", "\n").Split('\n');
        var kept = new List<string>(lines.Length);
        foreach (string raw in lines)
        {
            string line = raw.TrimStart(' ', '\t').TrimEnd(' ', '\t', '\r');
            if (line.StartsWith("*", StringComparison.Ordinal))
            {
                line = line.Substring(1);
                if (line.StartsWith(" ", StringComparison.Ordinal)) line = line.Substring(1);
            }
            kept.Add(line);
        }
        int first = 0, last = kept.Count - 1;
        while (first <= last && kept[first].Length == 0) first++;
        while (last >= first && kept[last].Length == 0) last--;
        var text = new StringBuilder();
        for (int i = first; i <= last; i++)
        {
            if (i > first) text.Append('\n');
            text.Append(kept[i]);
        }
        return text.ToString();
    }
}
