namespace Wippy.Generators.Pipeline;

/// <summary>Path helpers that netstandard2.0 lacks; paths in emitted code are always '/'-separated.</summary>
internal static class PathUtil
{
    public static string Normalize(string path) => path.Replace('\\', '/');

    /// <summary><paramref name="path"/> relative to <paramref name="root"/> when it lies below it; otherwise the full path.</summary>
    public static string RelativeTo(string root, string path)
    {
        var r = Normalize(root).TrimEnd('/') + "/";
        var p = Normalize(path);
        if (p.StartsWith(r, StringComparison.Ordinal)) p = p.Substring(r.Length);
        // Collapse "a/./b" and "a/b/../c" so the same file always reads the same.
        var parts = new List<string>();
        foreach (var part in p.Split('/'))
        {
            if (part == "." || (part.Length == 0 && parts.Count > 0)) continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        var joined = string.Join("/", parts);
        return joined.Length == 0 ? "." : joined;
    }

    public static bool SamePath(string a, string b) =>
        string.Equals(RelativeTo("/", a), RelativeTo("/", b), StringComparison.Ordinal);
}
