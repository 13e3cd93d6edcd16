using Wippy.Host.Registry;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// A registry root in a temporary folder (<c>&lt;temp&gt;/a/b</c>) where the test registry's fs.directory entries find
/// copies of the test guests (abi:guests at <c>&lt;temp&gt;/guests/abi</c>, calc:calc_guest at
/// <c>&lt;temp&gt;/guests/components/calc</c>), so a test can damage a module file after the build without touching the
/// repository's. Deleted on dispose.
/// </summary>
internal sealed class CopiedGuests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public CopiedGuests()
    {
        Root = Path.Combine(_temp.Path, "a", "b");
        Directory.CreateDirectory(Root);
        AbiModule = Copy(["guests", "abi", "abi.wasm"]);
        CalcComponent = Copy(["guests", "components", "calc", "calc.wasm"]);
    }

    /// <summary>The registry root to give the runtime.</summary>
    public string Root { get; }

    /// <summary>The core module every abi:* entry loads (<c>/abi.wasm</c> of abi:guests).</summary>
    public string AbiModule { get; }

    /// <summary>The component every calc:* entry loads (<c>/calc.wasm</c> of calc:calc_guest).</summary>
    public string CalcComponent { get; }

    /// <summary>A runtime over the test registry's entries in <paramref name="namespaces"/>, rooted here.</summary>
    public WippyRuntime Runtime(string? cacheDirectory, params string[] namespaces) =>
        new(Manifest(namespaces), new WippyRuntimeOptions { RegistryRoot = Root, CacheDirectory = cacheDirectory });

    /// <summary>The test registry's entries in <paramref name="namespaces"/> (a generated proxy needs all of its namespace).</summary>
    public static RegistryManifest Manifest(params string[] namespaces) =>
        new(WippyRegistry.CreateManifest().Entries.Where(e => namespaces.Any(ns => e.Id.StartsWith(ns + ":", StringComparison.Ordinal))));

    private string Copy(string[] relative)
    {
        var target = Path.Combine([_temp.Path, .. relative]);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(RepoPaths.Combine(["tests", .. relative]), target);
        return target;
    }

    public void Dispose() => _temp.Dispose();
}
