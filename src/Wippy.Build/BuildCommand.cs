namespace Wippy.Build;

/// <summary>Parses the build step's command line and runs it. Exit code 0 even when the registry has mistakes: the generator reports them.</summary>
internal static class BuildCommand
{
    public static int Run(string[] args, TextWriter stderr)
    {
        string? root = null, output = null, copyList = null, embedList = null, precompile = null, allowed = null;
        var cacheDirectory = Wippy.Host.Loading.CompiledCache.DefaultDirectory();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--root": root = args[i + 1]; break;
                case "--out": output = args[i + 1]; break;
                case "--copy-list": copyList = args[i + 1]; break;
                case "--embed-list": embedList = args[i + 1]; break;
                case "--precompile-dir": precompile = args[i + 1]; break;
                case "--allow": allowed = args[i + 1]; break;
                case "--cache-dir": cacheDirectory = args[i + 1] is "" or "none" ? null : args[i + 1]; break;
            }
        }
        if (args.Length == 0 || args[0] != "inspect" || root is null || output is null)
        {
            stderr.WriteLine("usage: Wippy.Build inspect --root <registry root> --out <facts file> [--copy-list <file>] [--embed-list <file>] [--precompile-dir <dir>] [--allow <dir;dir...>] [--cache-dir <dir>|none]");
            return 2;
        }
        var result = ModuleInspector.Inspect(Path.GetFullPath(root), precompile is null ? null : Path.GetFullPath(precompile), allowed, cacheDirectory);
        WriteIfChanged(output, Wippy.Modules.ModuleFactsFile.Write(result.Modules, result.Diagnostics));
        if (copyList is not null) WriteIfChanged(copyList, string.Join("\n", result.FilesToCopy) + "\n");
        if (embedList is not null) WriteIfChanged(embedList, string.Join("\n", result.FilesToEmbed) + "\n");
        return 0;
    }

    /// <summary>Keeps the file's timestamp when nothing changed, so incremental builds stay quiet.</summary>
    private static void WriteIfChanged(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return;
        }
        File.WriteAllText(path, text);
    }
}
