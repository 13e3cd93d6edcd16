using System.Security.Cryptography;
using Wippy.Host.Tests.Limits;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>Compiled code kept on disk between starts; damaged or stale files only cost a compile.</summary>
public sealed class CompiledCacheTests : IDisposable
{
    private readonly TempDirectory _cache = new();

    public void Dispose() => _cache.Dispose();

    private int CallOnce()
    {
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, CacheDirectory = _cache.Path });
        return new LimitsFunctions(runtime).GrowCapped(0);
    }

    /// <summary>The cache files of limits:grow_capped's module (others appear too: warm_start entries load at start).</summary>
    private string[] Files()
    {
        var wasm = Wippy.Host.Native.WasmText.ToBinary(File.ReadAllText(RepoPaths.Combine("tests", "guests", "core", "grow.wat")));
        var prefix = Convert.ToHexStringLower(SHA256.HashData(wasm)) + "-module-";
        return Directory.GetFiles(_cache.Path, prefix + "*.cwasm");
    }

    private static bool Intact(string file)
    {
        var bytes = File.ReadAllBytes(file);
        return bytes.Length > 32 && SHA256.HashData(bytes.AsSpan(32)).AsSpan().SequenceEqual(bytes.AsSpan(0, 32));
    }

    [Fact]
    public void Entries_naming_one_binary_share_its_compiled_code()
    {
        // calc's four function entries name one component: it is compiled once (and its core module, which the
        // directly called ones instantiate, once), and the entries loaded after the first share that code.
        using var runtime = new WippyRuntime(CopiedGuests.Manifest("calc"), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, CacheDirectory = _cache.Path });
        var calc = new Calc.CalcFunctions(runtime); // (a proxy loads every entry of its namespace)
        Assert.Equal(6L, calc.SumList([1, 2, 3]));
        Assert.True(runtime.Cache!.Shares >= 3, $"shares: {runtime.Cache.Shares}"); // the three entries after the first, at least
        Assert.Equal(2, runtime.Cache.Compiles);
        Assert.Single(Directory.GetFiles(_cache.Path, "*-component-*.cwasm"));

        // Each entry holds its own handle to the code: one disposed leaves the others working.
        runtime.GetWasmFunction("calc:sum_list").Dispose();
        Assert.Equal(Result<int, Calc.ErrorInfo>.Ok(3), calc.TryDivide(7, 2));
    }

    [Fact]
    public void A_second_start_loads_the_compiled_code_instead_of_compiling()
    {
        Assert.Equal(1, CallOnce());
        var file = Assert.Single(Files());
        Assert.Matches("^[0-9a-f]{64}-module-[0-9a-f]{16}\\.cwasm$", Path.GetFileName(file));
        Assert.True(Intact(file));
        var written = File.GetLastWriteTimeUtc(file);
        Thread.Sleep(20);
        Assert.Equal(1, CallOnce());
        Assert.Equal(written, File.GetLastWriteTimeUtc(file)); // read, not written again
    }

    [Fact]
    public void A_damaged_file_is_compiled_again_and_replaced()
    {
        Assert.Equal(1, CallOnce());
        var file = Assert.Single(Files());
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
        Assert.False(Intact(file));
        Assert.Equal(1, CallOnce());
        Assert.True(Intact(file));
    }

    [Theory]
    [InlineData(0)] // emptied
    [InlineData(31)] // shorter than its checksum
    [InlineData(32)] // the checksum alone
    [InlineData(-1)] // cut in half (a write that stopped midway)
    public void A_truncated_file_is_compiled_again_and_replaced(int length)
    {
        Assert.Equal(1, CallOnce());
        var file = Assert.Single(Files());
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(length < 0 ? bytes.Length / 2 : length)]);
        Assert.Equal(1, CallOnce());
        Assert.True(Intact(file));
        Assert.Equal(bytes, File.ReadAllBytes(file));
        Assert.Empty(Directory.GetFiles(_cache.Path, "*.tmp"));
    }

    [Fact]
    public void A_file_wasmtime_refuses_is_compiled_again_and_replaced()
    {
        Assert.Equal(1, CallOnce());
        var file = Assert.Single(Files());
        var payload = RandomNumberGenerator.GetBytes(4096); // intact checksum, but not compiled code
        File.WriteAllBytes(file, [.. SHA256.HashData(payload), .. payload]);
        Assert.Equal(1, CallOnce());
        Assert.True(Intact(file));
        Assert.NotEqual(4096 + 32, new FileInfo(file).Length);
    }

    [Fact]
    public void Without_a_cache_directory_nothing_is_written()
    {
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, CacheDirectory = null });
        Assert.Equal(1, new LimitsFunctions(runtime).GrowCapped(0));
        Assert.Empty(Directory.GetFiles(_cache.Path)); // (and the default directory is not the test's)
    }
}
