using System.Reflection;

namespace Wippy.Build.Tests;

/// <summary>A registry written into a temporary directory for one test.</summary>
internal sealed class TempRegistry : IDisposable
{
    public TempRegistry()
    {
        Root = Path.Combine(Path.GetTempPath(), "wippy-build-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public static string RepoRoot { get; } = typeof(TempRegistry).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public string Root { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>
    /// Writes <c><paramref name="name"/>.csproj</c>: an app as this repository's own are made (a reference to
    /// Wippy.Host and eng/Wippy.InRepo.targets, which runs the build step and the generator on its registry).
    /// </summary>
    public string WriteInRepoApp(string name = "App") => Write(name + ".csproj", $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <ProjectReference Include="{RepoRoot}src/Wippy.Host/Wippy.Host.csproj" />
          </ItemGroup>
          <Import Project="{RepoRoot}eng/Wippy.InRepo.targets" />
        </Project>
        """);

    public string CopyFromRepo(string repoRelative, string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(RepoRoot, repoRelative), path, overwrite: true);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
