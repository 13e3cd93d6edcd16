using System.Reflection;

namespace Wippy.Host.Tests.Support;

/// <summary>Paths inside the repository, from the RepoRoot the build stamped into the test assembly.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The registry root of this test project (its registry/ folder).</summary>
    public static string TestRegistry => Combine("tests", "Wippy.Host.Tests", "registry");

    /// <summary>The sample app's registry root.</summary>
    public static string SampleRegistry => Combine("samples", "registry");
}
