using Wippy.Host.Tests.Abi;
using Wippy.Host.Tests.Calc;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// The compiled-code cache on a full disk: a 64 KiB tmpfs mounted on the cache directory (root only; skipped, saying
/// why, where mounting is not permitted). The call works with the code compiled in memory, no exception escapes, and
/// no partial or temporary file is left: the disk holds exactly what it held before.
/// </summary>
public sealed class CacheFullDiskTests : IDisposable
{
    private const long DiskBytes = 64 * 1024;
    private readonly TempDirectory _temp = new();
    private readonly string _cache;
    private readonly bool _mounted;

    public CacheFullDiskTests()
    {
        _cache = Path.Combine(_temp.Path, "cache");
        Directory.CreateDirectory(_cache);
        // Mounted only where the test runs (MountFact skips it elsewhere); a mount that fails there fails the test.
        if (MountProbe.Refusal is null)
        {
            if (UnixFaults.MountTmpfs(_cache, DiskBytes) is { } error) throw new InvalidOperationException(error);
            _mounted = true;
        }
    }

    public void Dispose()
    {
        if (_mounted) UnixFaults.Unmount(_cache);
        _temp.Dispose();
    }

    private WippyRuntime Runtime() =>
        new(CopiedGuests.Manifest("abi", "calc"), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, CacheDirectory = _cache });

    private long Used => new DriveInfo(_cache).TotalSize - new DriveInfo(_cache).AvailableFreeSpace;

    [MountFact]
    public void Code_larger_than_the_space_left_is_compiled_in_memory_and_no_partial_file_is_left()
    {
        Assert.Equal(DiskBytes, new DriveInfo(_cache).TotalSize);
        Assert.Equal(0, Used);
        for (var start = 0; start < 2; start++)
        {
            using var runtime = Runtime();
            // abi.wasm's compiled code is about 96 KB: its write fills the disk and fails midway.
            Assert.True(new AbiFunctions(runtime).EchoBool(true));
            Assert.Equal("miss", runtime.Cache!.LastOutcome);
            Assert.Empty(CacheFiles.Of(_cache, CacheFiles.AbiModule));
            Assert.Empty(CacheFiles.Leftovers(_cache));
            Assert.Equal(0, Used); // the partial file's blocks were given back
        }
    }

    [MountFact]
    public void A_disk_already_full_costs_a_compile_on_every_start_and_writes_nothing()
    {
        var filler = Path.Combine(_cache, "filler");
        Fill(filler);
        var full = Used;
        Assert.Equal(0, new DriveInfo(_cache).AvailableFreeSpace);

        for (var start = 0; start < 2; start++)
        {
            using var runtime = Runtime();
            Assert.True(new AbiFunctions(runtime).EchoBool(true));
            Assert.Equal(6L, new CalcFunctions(runtime).SumList([1, 2, 3]));
            Assert.Equal([filler], Directory.GetFileSystemEntries(_cache));
            Assert.Equal(full, Used);
        }
    }

    [MountFact]
    public void After_the_disk_has_room_again_the_code_is_written()
    {
        var filler = Path.Combine(_cache, "filler");
        Fill(filler);
        using (var runtime = Runtime()) Assert.Equal(6L, new CalcFunctions(runtime).SumList([1, 2, 3]));
        Assert.Empty(CacheFiles.Of(_cache, CacheFiles.CalcComponent));

        File.Delete(filler);
        using (var runtime = Runtime()) Assert.Equal(6L, new CalcFunctions(runtime).SumList([1, 2, 3]));
        Assert.True(CacheFiles.Intact(Assert.Single(CacheFiles.Of(_cache, CacheFiles.CalcComponent))));
        Assert.Empty(CacheFiles.Leftovers(_cache));
    }

    /// <summary>Writes <paramref name="path"/> until the disk refuses more (ENOSPC).</summary>
    private static void Fill(string path)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0); // unbuffered: nothing left to flush
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // full
        }
    }
}
