using System.Reflection;
using Wippy.Host;

namespace Wippy.Benchmarks;

/// <summary>Locates the sample registry (samples/registry) and builds runtimes over it.</summary>
internal static class SampleRegistry
{
    /// <summary>The directory of samples/registry/_index.yaml.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The bytes of a module under samples/registry/wasm, as the floor benchmarks load them.</summary>
    public static byte[] ReadWasm(string fileName) => File.ReadAllBytes(Path.Combine(Root, "wasm", fileName));

    /// <summary>A runtime over the generated manifest of the sample, as an app would create it.</summary>
    public static WippyRuntime CreateRuntime() =>
        new(Wippy.Samples.Registry.WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = Root });

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("WIPPY_BENCH_REGISTRY_ROOT");
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        var baked = typeof(SampleRegistry).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "WippyRegistryRoot")?.Value;
        if (baked is not null && File.Exists(Path.Combine(baked, "_index.yaml"))) return baked;
        throw new InvalidOperationException(
            $"samples/registry not found (looked at '{baked}'); set WIPPY_BENCH_REGISTRY_ROOT to its directory.");
    }
}
