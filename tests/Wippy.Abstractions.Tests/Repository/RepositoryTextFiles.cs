using System.ComponentModel;
using System.Diagnostics;

namespace Wippy.Abstractions.Tests.Repository;

/// <summary>
/// The repository's own text files that a reader follows references in: those git tracks under <c>src/</c>,
/// <c>tests/</c>, <c>samples/</c>, <c>benchmarks/</c>, <c>docs/</c> and <c>eng/</c>, plus <c>README.md</c> and the
/// root build files. Build output (<c>bin/</c>, <c>obj/</c>), packages (<c>node_modules/</c>, where the third-party
/// WIT fixtures are installed) and binaries are left out.
/// </summary>
internal static class RepositoryTextFiles
{
    private static readonly string[] Folders = ["src/", "tests/", "samples/", "benchmarks/", "docs/", "eng/"];
    private static readonly string[] RootFiles = ["README.md", "Directory.Build.props", "Directory.Packages.props"];
    private static readonly string[] SkippedSegments = ["bin", "obj", "node_modules"];
    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".md", ".yaml", ".yml", ".props", ".targets", ".csproj", ".sln", ".sh", ".lua", ".c", ".h", ".wat", ".wit",
        ".txt", ".json", ".mjs", ".env", ".config",
    };

    /// <summary>The files, relative to <paramref name="root"/> with <c>/</c> separators, in ordinal order.</summary>
    public static IReadOnlyList<string> Under(string root) =>
        (Tracked(root) ?? Walk(root))
            .Where(IsScanned)
            .Where(path => File.Exists(Path.Combine(root, path)))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Whether a file (relative, <c>/</c>-separated) is one of the scanned text files.</summary>
    public static bool IsScanned(string path) =>
        (RootFiles.Contains(path, StringComparer.Ordinal) || Folders.Any(f => path.StartsWith(f, StringComparison.Ordinal)))
        && !path.Split('/').Any(segment => SkippedSegments.Contains(segment, StringComparer.Ordinal))
        && TextExtensions.Contains(Path.GetExtension(path));

    /// <summary>What <c>git ls-files</c> lists, or null when git is not available or this is not a checkout.</summary>
    private static List<string>? Tracked(string root)
    {
        var start = new ProcessStartInfo("git", ["-C", root, "ls-files", "-z"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        try
        {
            using var git = Process.Start(start);
            if (git is null) return null;
            var errors = git.StandardError.ReadToEndAsync();
            var output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            _ = errors.Result;
            return git.ExitCode == 0 ? output.Split('\0', StringSplitOptions.RemoveEmptyEntries).ToList() : null;
        }
        catch (Win32Exception)
        {
            return null; // no git on this machine
        }
    }

    /// <summary>Every file under the root, for a copy of the repository without git.</summary>
    private static List<string> Walk(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .ToList();
}
