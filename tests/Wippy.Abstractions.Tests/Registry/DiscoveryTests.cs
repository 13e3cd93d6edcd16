using Wippy.Registry;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>Finding every _index.yaml below a registry root.</summary>
public sealed class DiscoveryTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "wippy-discovery-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private void Touch(string relative)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "namespace: x\nentries: []\n");
    }

    [Fact]
    public void Finds_index_files_recursively_sorted_and_skips_build_and_hidden_folders()
    {
        Touch("_index.yaml");
        Touch("b/_index.yaml");
        Touch("a/deep/er/_index.yaml");
        Touch("a/other.yaml");
        Touch("bin/_index.yaml");
        Touch("obj/Debug/_index.yaml");
        Touch("node_modules/pkg/_index.yaml");
        Touch(".git/_index.yaml");
        Touch("a/.hidden/_index.yaml");

        var found = RegistryDiscovery.FindIndexFiles(root);

        var expected = new[] { "_index.yaml", "a/deep/er/_index.yaml", "b/_index.yaml" }
            .Select(p => Path.GetFullPath(Path.Combine(root, p)))
            .OrderBy(p => p, StringComparer.Ordinal);
        Assert.Equal(expected, found);
    }

    [Fact]
    public void Missing_root_throws() =>
        Assert.Throws<DirectoryNotFoundException>(() => RegistryDiscovery.FindIndexFiles(Path.Combine(root, "nope")));
}
