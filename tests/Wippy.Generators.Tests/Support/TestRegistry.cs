using Microsoft.CodeAnalysis;

namespace Wippy.Generators.Tests.Support;

/// <summary>
/// Registry files for a generator run. Files sit under a virtual root (<see cref="Root"/>) so that paths in
/// diagnostics and in emitted code are the same on every machine.
/// </summary>
internal sealed class TestRegistry
{
    /// <summary>The registry root every test uses (the app's project directory, as <c>WippyRegistryRoot</c>).</summary>
    public const string Root = "/app/";

    private readonly List<AdditionalText> _files = new();

    public IReadOnlyList<AdditionalText> Files => _files;

    /// <summary>Adds a file at <paramref name="relativePath"/> under <see cref="Root"/>; returns its full path.</summary>
    public string Add(string relativePath, string text)
    {
        var path = Root + relativePath;
        _files.Add(new InMemoryAdditionalText(path, text));
        return path;
    }

    /// <summary>Adds every file of <c>TestData/&lt;folder&gt;</c>, at the same relative paths under <see cref="Root"/>.</summary>
    public static TestRegistry FromTestData(string folder)
    {
        var registry = new TestRegistry();
        var dir = RepoPaths.TestData(folder);
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(dir, file).Replace('\\', '/');
            registry.Add(relative, File.ReadAllText(file).Replace("\r\n", "\n"));
        }
        return registry;
    }

    public GeneratorRunResult Run(string rootNamespace = GeneratorHarness.RootNamespace) =>
        GeneratorHarness.Run(_files, Root, rootNamespace);
}
