using System.Reflection;
using Wippy.Host;

namespace Wippy.Benchmarks;

/// <summary>Locates the sample registry (samples/registry) and builds runtimes over it.</summary>
internal static class SampleRegistry
{
    /// <summary>The directory of samples/registry/_index.yaml.</summary>
    public static string Root { get; } = RegistryRoots.Find("WippyRegistryRoot", "WIPPY_BENCH_REGISTRY_ROOT", "samples/registry");

    /// <summary>The bytes of a module under samples/registry/wasm, as the floor benchmarks load them.</summary>
    public static byte[] ReadWasm(string fileName) => File.ReadAllBytes(Path.Combine(Root, "wasm", fileName));

    /// <summary>A runtime over the generated manifest of the sample, as an app would create it.</summary>
    public static WippyRuntime CreateRuntime() =>
        new(Wippy.Samples.Registry.WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = Root });
}

/// <summary>
/// Locates this project's own registry (benchmarks/Wippy.Benchmarks/registry, namespace <c>bench</c>) and builds
/// runtimes over it. It is a separate registry from the sample's, with its own generated manifest, so it gets its
/// own runtime.
/// </summary>
internal static class BenchRegistry
{
    /// <summary>The directory of benchmarks/Wippy.Benchmarks/registry/_index.yaml.</summary>
    public static string Root { get; } = RegistryRoots.Find("WippyBenchRegistryRoot", "WIPPY_BENCH_OWN_REGISTRY_ROOT", "benchmarks/Wippy.Benchmarks/registry");

    /// <summary>The echo component of the host tests, as the <c>bench:add</c> entry points to it (tests/guests/components/echo).</summary>
    public static byte[] ReadEchoComponent() =>
        File.ReadAllBytes(Path.Combine(Root, "..", "..", "..", "tests", "guests", "components", "echo", "echo.wasm"));

    /// <summary>The WASI probe of the host tests (tests/guests/wasi: C + wasi-libc through the preview1 adapter).</summary>
    public static byte[] ReadProbeComponent() =>
        File.ReadAllBytes(Path.Combine(Root, "..", "..", "..", "tests", "guests", "wasi", "probe.wasm"));

    /// <summary>The calculator guest of the host tests (tests/guests/wasi/calculator: a host import plus WASI).</summary>
    public static byte[] ReadCalculatorComponent() =>
        File.ReadAllBytes(Path.Combine(Root, "..", "..", "..", "tests", "guests", "wasi", "calculator", "calculator.wasm"));

    /// <summary>The JavaScript guest of JsBenchmarks (tests/guests/components/add-js/add.wasm, built by benchmarks/install-js-guest.sh).</summary>
    public static byte[] ReadJsComponent() =>
        File.ReadAllBytes(Path.Combine(Root, "..", "..", "..", "tests", "guests", "components", "add-js", "add.wasm"));

    /// <summary>The host-import guest of the host tests (tests/guests/components/host-import/run.wasm).</summary>
    public static byte[] ReadRunComponent() =>
        File.ReadAllBytes(Path.Combine(Root, "..", "..", "..", "tests", "guests", "components", "host-import", "run.wasm"));

    /// <summary>The actor guest of the host tests (tests/guests/components/actor), as the process entries point to it.</summary>
    public static byte[] ReadActorComponent() =>
        File.ReadAllBytes(Path.Combine(Root, "..", "..", "..", "tests", "guests", "components", "actor", "actor.wasm"));

    /// <summary>The async soundness guest (tests/guests/components/fiber).</summary>
    public static byte[] ReadFiberComponent() =>
        File.ReadAllBytes(Path.Combine(Root, "..", "..", "..", "tests", "guests", "components", "fiber", "fiber.wasm"));

    /// <summary>A runtime over this project's generated manifest (<see cref="Wippy.Benchmarks.WippyRegistry"/>).</summary>
    public static WippyRuntime CreateRuntime() =>
        new(Wippy.Benchmarks.WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = Root });
}

internal static class RegistryRoots
{
    /// <summary>
    /// The directory of a registry's _index.yaml: from <paramref name="environmentVariable"/> if set, else the path baked
    /// in at build time (BenchmarkDotNet runs each benchmark in a child process started from another directory).
    /// </summary>
    public static string Find(string metadataKey, string environmentVariable, string description)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment)) return fromEnvironment;
        var baked = typeof(RegistryRoots).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == metadataKey)?.Value;
        if (baked is not null && File.Exists(Path.Combine(baked, "_index.yaml"))) return baked;
        throw new InvalidOperationException(
            $"{description} not found (looked at '{baked}'); set {environmentVariable} to its directory.");
    }
}
