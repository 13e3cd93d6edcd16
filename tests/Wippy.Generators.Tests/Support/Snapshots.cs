using System.Text;

namespace Wippy.Generators.Tests.Support;

/// <summary>
/// Compares emitted files with the checked-in snapshots in <c>Snapshots/&lt;set&gt;/&lt;hint name&gt;.txt</c> (line endings
/// normalized), one set per snapshot registry (<c>TestData/&lt;set&gt;</c>). With the environment variable
/// <c>WIPPY_UPDATE_SNAPSHOTS=1</c> it rewrites the set's snapshots from the current output instead (and deletes
/// snapshots of files no longer emitted); review the diff before committing. The generator's version in the
/// <c>[GeneratedCode]</c> attributes is written <c>{version}</c>, so a new version of the packages changes no snapshot.
/// </summary>
internal static class Snapshots
{
    public const string UpdateVariable = "WIPPY_UPDATE_SNAPSHOTS";

    private const string HowToUpdate =
        "If the change is intended, run the tests once with " + UpdateVariable + "=1 " +
        "(e.g. `" + UpdateVariable + "=1 dotnet test tests/Wippy.Generators.Tests`) and review the diff of tests/Wippy.Generators.Tests/Snapshots/.";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Checks (or, when updating, writes) one snapshot per emitted file of the set <paramref name="set"/>, and that no snapshot of it is left over.</summary>
    public static void Verify(string set, IReadOnlyDictionary<string, string> emittedByHintName)
    {
        var dir = Path.Combine(RepoPaths.Snapshots, set);
        var expectedFiles = emittedByHintName.Keys.Select(h => h + ".txt").ToHashSet(StringComparer.Ordinal);
        var existing = Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, "*.g.cs.txt").Select(Path.GetFileName).ToList()
            : new List<string?>();

        if (Updating)
        {
            Directory.CreateDirectory(dir);
            foreach (var stale in existing.Where(f => !expectedFiles.Contains(f!))) File.Delete(Path.Combine(dir, stale!));
            foreach (var (hint, text) in emittedByHintName) File.WriteAllText(Path.Combine(dir, hint + ".txt"), WithoutVersion(Normalize(text)));
            return;
        }

        var failures = new List<string>();
        foreach (var (hint, text) in emittedByHintName.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(dir, hint + ".txt");
            if (!File.Exists(path))
            {
                failures.Add($"{hint}: emitted, but there is no snapshot {path}.");
                continue;
            }
            if (FirstDifference(Normalize(File.ReadAllText(path)), WithoutVersion(Normalize(text))) is { } difference)
            {
                failures.Add($"{hint} differs from its snapshot {path}:\n{difference}");
            }
        }
        foreach (var stale in existing.Where(f => !expectedFiles.Contains(f!)))
        {
            failures.Add($"{stale}: the snapshot exists, but the generator no longer emits {stale![..^4]}.");
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures) + "\n\n" + HowToUpdate);
    }

    /// <summary>The emitted text with the generator's version written <c>{version}</c>.</summary>
    private static string WithoutVersion(string text) =>
        text.Replace($"GeneratedCode(\"Wippy.Generators\", \"{Emit.GeneratedCode.Version}\")", "GeneratedCode(\"Wippy.Generators\", \"{version}\")");

    public static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

    /// <summary>The first line where the two texts differ, as "line N: expected / actual", or null when equal.</summary>
    public static string? FirstDifference(string expected, string actual)
    {
        if (expected == actual) return null;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : null;
            var al = i < a.Length ? a[i] : null;
            if (el == al) continue;
            var sb = new StringBuilder();
            sb.Append("  first difference at line ").Append(i + 1).Append(" (snapshot has ").Append(e.Length)
              .Append(" lines, emitted ").Append(a.Length).Append(")\n");
            sb.Append("  snapshot: ").Append(el is null ? "<end of file>" : Visible(el)).Append('\n');
            sb.Append("  emitted:  ").Append(al is null ? "<end of file>" : Visible(al));
            return sb.ToString();
        }
        return "  the texts differ only in line endings";
    }

    private static string Visible(string line) => line.Length == 0 ? "<empty line>" : line;
}
