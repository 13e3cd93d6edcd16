using Wippy.Host.Tests.Abi;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>
/// A module read from an fs.directory is checked against its entry's hash when the entry loads (docs/registry.md#hash). The runtime
/// is pointed at a registry root in a temporary folder, where abi:* entries find ../../guests/abi/abi.wasm as the
/// test makes it (the sample's modules are embedded in the app with fs.embed, so they cannot be changed on disk).
/// </summary>
public sealed class ModuleIntegrityTests
{
    private static (TempDirectory Temp, string Root, string Binary) Layout()
    {
        var temp = new TempDirectory();
        var root = Path.Combine(temp.Path, "a", "b");
        Directory.CreateDirectory(root);
        var guests = Path.Combine(temp.Path, "guests", "abi");
        Directory.CreateDirectory(guests);
        return (temp, root, Path.Combine(guests, "abi.wasm"));
    }

    [Fact]
    public void A_binary_whose_hash_changed_does_not_load_and_every_call_says_why()
    {
        var (temp, root, binary) = Layout();
        using var _ = temp;
        File.Copy(RepoPaths.Combine("tests", "guests", "abi", "abi.wasm"), binary);
        File.AppendAllBytes(binary, [0]);
        var actual = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(binary)));
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = root, CacheDirectory = null });
        var abi = new AbiFunctions(runtime);

        for (var i = 0; i < 2; i++)
        {
            var error = Assert.Throws<WippyException>(() => abi.EchoBool(true));
            Assert.Equal(ErrorKind.Unavailable, error.Kind);
            Assert.StartsWith("abi:echo_bool: the entry failed to load: hash mismatch", error.Message);
            Assert.Contains("expected sha256:4399bdc1acc0147dca037210191afb6c50f58a5ed6dbc9e30e29bb5cfd43be14", error.Message);
            Assert.Contains("got " + actual, error.Message);
        }

        // The runtime keeps serving the other entries (limits:grow_capped is WAT, compiled into the app).
        Assert.Equal(1, new Wippy.Host.Tests.Limits.LimitsFunctions(runtime).GrowCapped(0));
    }

    [Fact]
    public void A_missing_binary_fails_its_entry_with_not_found_detail()
    {
        var (temp, root, _) = Layout();
        using var _t = temp;
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = root, CacheDirectory = null });
        var error = Assert.Throws<WippyException>(() => new AbiFunctions(runtime).EchoBool(true));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.StartsWith("abi:echo_bool: the entry failed to load: the module '/abi.wasm' does not exist in 'abi:guests'", error.Message);
    }
}
