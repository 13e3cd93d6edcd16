namespace Wippy.Registry;

/// <summary>Finds the registry files of an app: every <c>_index.yaml</c> below its registry root (docs/registry.md#discovery).</summary>
public static class RegistryDiscovery
{
    /// <summary>The name of a registry file.</summary>
    public const string IndexFileName = "_index.yaml";

    /// <summary>Folder names that are never searched (build output and packages); hidden folders (<c>.name</c>) are skipped too.</summary>
    public static IReadOnlyList<string> SkippedFolders { get; } = new[] { "bin", "obj", "node_modules" };

    /// <summary>
    /// Every <c>_index.yaml</c> under <paramref name="root"/> (itself included), recursively, as full paths sorted
    /// ordinally. Skips <c>bin/</c>, <c>obj/</c>, <c>node_modules/</c>, hidden folders, symbolic links to folders
    /// (so a link loop cannot hang the search) and folders that cannot be read.
    /// </summary>
    /// <param name="root">The registry root folder.</param>
    /// <exception cref="DirectoryNotFoundException"><paramref name="root"/> does not exist.</exception>
    public static IReadOnlyList<string> FindIndexFiles(string root)
    {
        var full = Path.GetFullPath(root);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"registry root '{full}' does not exist");
        }

        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(full);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            try
            {
                var index = Path.Combine(folder, IndexFileName);
                if (File.Exists(index))
                {
                    found.Add(index);
                }

                foreach (var child in Directory.EnumerateDirectories(folder))
                {
                    if (!IsSkipped(child))
                    {
                        pending.Push(child);
                    }
                }
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
                // An unreadable folder holds no registry files we could load anyway.
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static bool IsSkipped(string folder)
    {
        var name = Path.GetFileName(folder);
        if (name.StartsWith(".", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var skipped in SkippedFolders)
        {
            if (string.Equals(name, skipped, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return (File.GetAttributes(folder) & FileAttributes.ReparsePoint) != 0;
    }
}
