using System.Reflection;

namespace Wippy.Generators.Tests.Support;

/// <summary>Paths inside the repository, from the RepoRoot the build stamped into the test assembly.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepoRoot").Value!;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>This test project's folder in the repository (not its build output).</summary>
    public static string Project => Combine("tests", "Wippy.Generators.Tests");

    public static string TestData(params string[] parts) => Path.Combine([Project, "TestData", .. parts]);

    public static string Snapshots => Path.Combine(Project, "Snapshots");
}
