using System.IO.Compression;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.EndToEnd;

/// <summary>
/// The way a new user gets Wippy, outside this repository: the packages eng/pack.sh makes, a fresh
/// <c>dotnet new console</c> app with a nuget.config pointing at them, <c>dotnet add package</c> of Wippy.Host and
/// Wippy.Generators only, a registry with an inline WAT function and a component, calls through the generated
/// proxies (dotnet run), then a NativeAOT publish whose binary, copied alone into an empty folder, runs.
/// </summary>
[Collection(NotInParallel.Name)]
public sealed class PackageRouteTests
{
    private const string Registry = """
        version: "1.0"
        namespace: app
        entries:
          - name: add
            kind: function.wat
            method: add
            wit: |
              add: func(a: s32, b: s32) -> s32;
            source: |
              (module (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add))

          - name: modules
            kind: fs.embed
            directory: wasm

          - name: sum_list
            kind: function.wasm
            fs: modules
            path: /calc.wasm
            hash: sha256:fe717789e6de981afc68ab15bd409f264ad7332f724ca1a8bffd344a54340c3a
            method: "math#sum-list"
        """;

    private const string Program = """
        using Wippy;
        using Wippy.Host;
        using PackageApp;
        using PackageApp.App;

        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest());
        var app = new AppFunctions(runtime);
        try
        {
            Console.WriteLine($"{app.Add(40, 2)} {app.SumList([1, 2, 3])}");
        }
        catch (WippyException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
        return 0;
        """;

    [AotFact]
    public void A_fresh_console_app_builds_from_the_packages_and_publishes_one_binary_that_runs_alone()
    {
        using var temp = new TempDirectory();
        // A version of its own, so that no package from an earlier run in the NuGet cache is taken for this one.
        var version = "0.1.0-e2e." + DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "." + Environment.ProcessId;
        var packages = Path.Combine(temp.Path, "packages");
        try
        {
            Expect(ChildProcess.Run("bash", RepoPaths.Root, null, "eng/pack.sh", "--output", packages, "--version", version), "eng/pack.sh");
            Assert.Equal(["Wippy.Abstractions", "Wippy.Generators", "Wippy.Host", "Wippy.Http"],
                Directory.GetFiles(packages, "*.nupkg").Select(f => Path.GetFileName(f)[..^(version.Length + ".nupkg".Length + 1)]).Order());
            AssertGeneratorCarriesNoNativeLibraries(Path.Combine(packages, $"Wippy.Generators.{version}.nupkg"));

            var app = Path.Combine(temp.Path, "PackageApp");
            Expect(ChildProcess.Run(ChildProcess.Dotnet, temp.Path, null, "new", "console", "-n", "PackageApp", "-o", app), "dotnet new console");
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="wippy" value="{packages}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            File.WriteAllText(Path.Combine(app, "_index.yaml"), Registry);
            File.WriteAllText(Path.Combine(app, "Program.cs"), Program);
            Directory.CreateDirectory(Path.Combine(app, "wasm"));
            File.Copy(RepoPaths.Combine("tests", "guests", "components", "calc", "calc.wasm"), Path.Combine(app, "wasm", "calc.wasm"));
            foreach (var package in new[] { "Wippy.Host", "Wippy.Generators" })
            {
                Expect(ChildProcess.Run(ChildProcess.Dotnet, app, null, "add", "package", package, "--version", version), "dotnet add package " + package);
            }

            Assert.Equal((0, "42 6\n"), ChildProcess.Run(ChildProcess.Dotnet, app, null, "run"));

            var publish = Path.Combine(temp.Path, "publish");
            var published = Expect(ChildProcess.Run(ChildProcess.Dotnet, app, null, "publish", "-r", ChildProcess.RuntimeIdentifier, "-p:PublishAot=true", "-o", publish), "dotnet publish");
            Assert.DoesNotContain("warning", published);

            var alone = Path.Combine(temp.Path, "alone");
            Directory.CreateDirectory(alone);
            var binary = Path.Combine(alone, "PackageApp");
            File.Copy(Path.Combine(publish, "PackageApp"), binary);
            ChildProcess.MakeExecutable(binary);
            var cache = new Dictionary<string, string> { ["XDG_CACHE_HOME"] = Path.Combine(temp.Path, "cache") };
            Assert.Equal((0, "42 6\n"), ChildProcess.Run(binary, alone, cache));
            Assert.Equal(["PackageApp"], Directory.GetFiles(alone).Select(Path.GetFileName));
        }
        finally
        {
            RemoveFromNuGetCache(version);
        }
    }

    /// <summary>The build step inside the generator package loads the app's Wasmtime: the package has no runtimes/ of its own.</summary>
    private static void AssertGeneratorCarriesNoNativeLibraries(string package)
    {
        using var zip = ZipFile.OpenRead(package);
        Assert.Contains(zip.Entries, e => e.FullName == "tools/net10.0/Wippy.Build.dll");
        Assert.DoesNotContain(zip.Entries, e => e.FullName.Contains("runtimes/", StringComparison.Ordinal) || e.Name.EndsWith(".so", StringComparison.Ordinal));
    }

    private static string Expect((int Exit, string Output) result, string what)
    {
        Assert.True(result.Exit == 0, $"{what} failed:\n{result.Output}");
        return result.Output;
    }

    /// <summary>The global packages folder keeps what this run restored: the test's own version of each package goes.</summary>
    private static void RemoveFromNuGetCache(string version)
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in new[] { "wippy.abstractions", "wippy.generators", "wippy.host", "wippy.http" })
        {
            var folder = Path.Combine(root, id, version);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
