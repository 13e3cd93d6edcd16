namespace Wippy.Generators.Pipeline;

/// <summary>Path helpers that netstandard2.0 lacks; paths in emitted code are always '/'-separated.</summary>
internal static class PathUtil
{
    /// <summary>
    /// <paramref name="path"/> relative to the directory <paramref name="root"/> (with <c>..</c> segments when it
    /// lies outside it), '/'-separated, so emitted code holds no machine-specific absolute paths.
    /// </summary>
    public static string RelativeTo(string root, string path)
    {
        var rootParts = Segments(root);
        var pathParts = Segments(path);
        var common = 0;
        while (common < rootParts.Count && common < pathParts.Count && rootParts[common] == pathParts[common]) common++;
        if (common == 0 && rootParts.Count > 0) return string.Join("/", pathParts);
        var parts = Enumerable.Repeat("..", rootParts.Count - common).Concat(pathParts.Skip(common)).ToList();
        return parts.Count == 0 ? "." : string.Join("/", parts);
    }

    /// <summary>One spelling per file ('/'-separated, <c>.</c> and <c>..</c> resolved), for looking files up by path.</summary>
    public static string Key(string path) => string.Join("/", Segments(path));

    /// <summary>A path's segments with <c>.</c> and <c>..</c> resolved.</summary>
    private static List<string> Segments(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Replace('\\', '/').Split('/'))
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == ".." && parts.Count > 0 && parts[parts.Count - 1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        return parts;
    }
}
