using Wippy.Abstractions.Tests.Components;

namespace Wippy.Abstractions.Tests.Safety;

/// <summary>
/// The seeds of <see cref="MutationFuzzTests"/>: the repository's own registry files, WIT files and WebAssembly
/// binaries (outside bin/, obj/ and node_modules/), read once, in ordinal path order so a seed means the same input
/// on every machine.
/// </summary>
internal static class FuzzCorpus
{
    public static IReadOnlyList<string> RegistryFiles { get; } = Texts("_index.yaml");

    public static IReadOnlyList<string> WitFiles { get; } = Texts("*.wit");

    public static IReadOnlyList<byte[]> Binaries { get; } = Files("*.wasm").Select(File.ReadAllBytes).ToList();

    private static List<string> Texts(string pattern) => Files(pattern).Select(File.ReadAllText).ToList();

    private static List<string> Files(string pattern)
    {
        var root = ComponentFixtures.RepoRoot;
        return new[] { "samples", "tests", "benchmarks" }
            .Select(d => Path.Combine(root, d))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, pattern, SearchOption.AllDirectories))
            .Where(f => !f.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj" or "node_modules" or "witdata"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }
}
