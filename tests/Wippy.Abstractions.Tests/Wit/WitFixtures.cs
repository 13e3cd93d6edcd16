using System.Runtime.CompilerServices;

namespace Wippy.Abstractions.Tests.Wit;

/// <summary>
/// Finds the real-world WIT files installed by <c>tests/install-wit-fixtures.sh</c> (npm package
/// <c>@bytecodealliance/jco@1.35.0</c>, folder <c>lib/wit/builtin/</c>) in
/// <c>tests/Wippy.Abstractions.Tests/witdata/node_modules</c>.
/// </summary>
internal static class WitFixtures
{
    public const string Package = "@bytecodealliance/jco";
    public const string Version = "1.35.0";

    /// <summary>The <c>lib/wit/builtin</c> folder of the installed package; fails the test with what to run when it is missing.</summary>
    public static string BuiltinRoot()
    {
        string repo = RepoRoot();
        string root = Path.Combine(repo, "tests", "Wippy.Abstractions.Tests", "witdata", "node_modules", "@bytecodealliance", "jco", "lib", "wit", "builtin");
        string manifest = Path.Combine(repo, "tests", "Wippy.Abstractions.Tests", "witdata", "node_modules", "@bytecodealliance", "jco", "package.json");
        bool installed = Directory.Exists(root) && File.Exists(manifest)
            && File.ReadAllText(manifest).Contains("\"version\": \"" + Version + "\"", StringComparison.Ordinal);
        Assert.True(installed, "The WIT fixtures (" + Package + "@" + Version + ") are missing from " + root
            + ". Run: bash tests/install-wit-fixtures.sh");
        return root;
    }

    /// <summary>
    /// Walks up from the test assembly's folder to the folder that holds <c>Wippy.sln</c>; when the build
    /// output lives outside the repository (<c>--artifacts-path</c>), walks up from this source file instead.
    /// </summary>
    public static string RepoRoot([CallerFilePath] string sourceFile = "")
    {
        string? found = FindAbove(AppContext.BaseDirectory) ?? FindAbove(Path.GetDirectoryName(sourceFile));
        Assert.True(found is not null, "Wippy.sln not found above " + AppContext.BaseDirectory + " nor above " + sourceFile);
        return found!;
    }

    private static string? FindAbove(string? start)
    {
        if (string.IsNullOrEmpty(start)) return null;
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Wippy.sln"))) dir = dir.Parent;
        return dir?.FullName;
    }
}
