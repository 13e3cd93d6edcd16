using Wippy.Host.Tests.Abi;
using Wippy.Host.Tests.Calc;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// The compiled-code cache directory damaged around a running host (docs/runtime.md#engine): deleted while the runtime
/// runs or between starts, read-only, a cache file replaced by a directory, the directory itself a file. Each costs at
/// most a compile: the call works, no exception escapes, and no temporary file is left in the directory. (Damaged
/// file contents: <see cref="Loading.CompiledCacheTests"/>; a full disk: <see cref="CacheFullDiskTests"/>; a FIFO:
/// <see cref="FifoFaultTests"/>.)
/// </summary>
public sealed class CacheFaultTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly string _cache;

    public CacheFaultTests() => _cache = Path.Combine(_temp.Path, "cache");

    public void Dispose() => _temp.Dispose();

    private WippyRuntime Runtime(string? cache = null) =>
        new(CopiedGuests.Manifest("abi", "calc"), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, CacheDirectory = cache ?? _cache });

    [Fact]
    public void A_cache_directory_deleted_while_the_runtime_runs_is_made_again_by_the_next_compile()
    {
        using var runtime = Runtime();
        var abi = new AbiFunctions(runtime); // (a proxy loads every entry of its namespace)
        Assert.True(abi.EchoBool(true));
        Assert.Single(CacheFiles.Of(_cache, CacheFiles.AbiModule));

        Directory.Delete(_cache, recursive: true);

        Assert.False(abi.EchoBool(false)); // loaded already: its code is in memory
        Assert.Equal(6L, new CalcFunctions(runtime).SumList([1, 2, 3])); // loaded now: compiled, and written to a new directory
        Assert.True(CacheFiles.Intact(Assert.Single(CacheFiles.Of(_cache, CacheFiles.CalcComponent))));
        Assert.Empty(CacheFiles.Leftovers(_cache));
    }

    [Fact]
    public void A_cache_directory_deleted_between_starts_costs_one_compile()
    {
        using (var first = Runtime()) Assert.True(new AbiFunctions(first).EchoBool(true));
        Directory.Delete(_cache, recursive: true);

        using (var second = Runtime()) Assert.True(new AbiFunctions(second).EchoBool(true));
        var file = Assert.Single(CacheFiles.Of(_cache, CacheFiles.AbiModule)); // compiled again, and written again
        Assert.True(CacheFiles.Intact(file));
        var written = File.GetLastWriteTimeUtc(file);

        using (var third = Runtime()) Assert.True(new AbiFunctions(third).EchoBool(true));
        Assert.Equal(written, File.GetLastWriteTimeUtc(file)); // read, not compiled
        Assert.Equal("hit", CacheOutcomeOf(file));
        Assert.Empty(CacheFiles.Leftovers(_cache));
    }

    /// <summary>What a runtime's cache lookup makes of <paramref name="file"/> now.</summary>
    private string CacheOutcomeOf(string file)
    {
        using var runtime = Runtime();
        _ = runtime.GetFunction("abi:echo_bool");
        return runtime.Cache!.LastOutcome;
    }

    [Fact]
    public void A_cache_file_replaced_by_a_directory_costs_a_compile_and_leaves_no_temporary_file()
    {
        using (var first = Runtime()) Assert.True(new AbiFunctions(first).EchoBool(true));
        var file = Assert.Single(CacheFiles.Of(_cache, CacheFiles.AbiModule));
        File.Delete(file);
        Directory.CreateDirectory(file);
        File.WriteAllText(Path.Combine(file, "inside"), "a file inside, so nothing can replace the directory");

        for (var start = 0; start < 2; start++)
        {
            using var runtime = Runtime();
            Assert.True(new AbiFunctions(runtime).EchoBool(true));
            Assert.True(Directory.Exists(file));
            Assert.Empty(CacheFiles.Leftovers(_cache)); // the compiled code could not be put in place: its temporary file is gone too
        }
        Assert.Equal("not a regular file", CacheOutcomeOf(file));
    }

    [Fact]
    public void A_cache_directory_that_is_a_file_costs_a_compile_and_writes_nothing()
    {
        File.WriteAllText(_cache, "not a directory");
        using (var runtime = Runtime())
        {
            Assert.True(new AbiFunctions(runtime).EchoBool(true));
            Assert.Equal(6L, new CalcFunctions(runtime).SumList([1, 2, 3]));
        }
        Assert.Equal("not a directory", File.ReadAllText(_cache));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [ReadOnlyDirectoryFact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // (the attribute skips it elsewhere)
    public void A_read_only_cache_directory_is_read_but_never_written()
    {
        using (var first = Runtime()) Assert.True(new AbiFunctions(first).EchoBool(true));
        var abiFile = Assert.Single(CacheFiles.Of(_cache, CacheFiles.AbiModule));
        var before = Directory.GetFileSystemEntries(_cache).Order().ToArray();

        using (new ReadOnlyDirectory(_cache))
        {
            // The fault is real: this process cannot create a file there.
            Assert.ThrowsAny<Exception>(() => File.WriteAllText(Path.Combine(_cache, "probe"), ""));

            using var runtime = Runtime();
            Assert.True(new AbiFunctions(runtime).EchoBool(true));
            Assert.Equal("hit", runtime.Cache!.LastOutcome); // what is there is still used
            Assert.Equal(6L, new CalcFunctions(runtime).SumList([1, 2, 3])); // what is not is compiled, and kept in memory only
            Assert.Equal("miss", runtime.Cache!.LastOutcome);
            Assert.Equal(before, Directory.GetFileSystemEntries(_cache).Order().ToArray());
        }
        Assert.True(CacheFiles.Intact(abiFile));
    }

    [Fact]
    public void A_temporary_file_of_a_process_that_died_is_removed_by_the_next_write()
    {
        using (var first = Runtime()) Assert.True(new AbiFunctions(first).EchoBool(true));
        var file = Assert.Single(CacheFiles.Of(_cache, CacheFiles.AbiModule));
        // A writer killed midway leaves <file>.<pid>.<thread>.tmp; no process has pid 2^31-1 (Linux allows at most 2^22).
        var dead = file + ".2147483647.1.tmp";
        var ours = $"{file}.{Environment.ProcessId}.999999.tmp"; // a write of a running process: not touched
        File.WriteAllBytes(dead, [1, 2, 3]);
        File.WriteAllBytes(ours, [1, 2, 3]);

        using (var runtime = Runtime()) Assert.Equal(6L, new CalcFunctions(runtime).SumList([1, 2, 3])); // a compile, then a write

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(ours));
    }
}
