using Wippy.Host.Native;
using Xunit;
using Mode = Wippy.Host.Native.EmbeddedNativeLibraries.VerifyMode;

namespace Wippy.Host.Tests.Native;

/// <summary>
/// The per-user cache a single-file app unpacks its native libraries into (EmbeddedNativeLibraries): this test
/// assembly embeds a stand-in library the way a NativeAOT publish embeds libwasmtime (see the .csproj).
/// </summary>
public sealed class NativeLibraryCacheTests : IDisposable
{
    private const string Hash = "2d5f41d1dc691c9b8dbe100ac2c8a27a462c34dbc1f929c380be5bad5ccb4ca3";
    private readonly string _cache = Directory.CreateTempSubdirectory("wippy-native-test-").FullName;
    private readonly byte[] _embedded = ReadResource("wippy.native/" + Hash + "/libwippyfake.so");

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private string? Extract(Mode mode = Mode.WhenChanged, string library = "wippyfake") =>
        EmbeddedNativeLibraries.Extract(typeof(NativeLibraryCacheTests).Assembly, library, _cache, mode);

    [Fact]
    public void First_use_writes_the_library_under_its_hash_with_a_stamp()
    {
        var path = Extract();

        Assert.Equal(Path.Combine(_cache, Hash, "libwippyfake.so"), path);
        Assert.Equal(_embedded, File.ReadAllBytes(path!));
        Assert.True(File.Exists(path + ".verified"));
        Assert.Empty(Directory.GetFiles(Path.Combine(_cache, Hash), "*.tmp"));
    }

    [Fact]
    public void An_unchanged_library_is_not_written_again()
    {
        var path = Extract()!;
        var written = File.GetLastWriteTimeUtc(path);
        Thread.Sleep(20);

        Assert.Equal(path, Extract());
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void A_changed_library_is_hashed_and_written_again()
    {
        var path = Extract()!;
        Thread.Sleep(20); // a later modification time than the stamp's
        Damage(path);

        Assert.Equal(path, Extract());
        Assert.Equal(_embedded, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_deleted_library_is_written_again()
    {
        var path = Extract()!;
        File.Delete(path);

        Assert.Equal(path, Extract());
        Assert.Equal(_embedded, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_missing_stamp_makes_the_library_hashed_and_the_stamp_written_again()
    {
        var path = Extract()!;
        var written = File.GetLastWriteTimeUtc(path);
        File.Delete(path + ".verified");

        Assert.Equal(path, Extract());
        Assert.True(File.Exists(path + ".verified"));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path)); // intact: hashed, not rewritten
    }

    [Fact]
    public void By_default_a_file_that_matches_its_stamp_is_not_read()
    {
        // The cost saved on every start, and its documented limit: a change that keeps size and times is not seen.
        var path = Extract()!;
        var written = File.GetLastWriteTimeUtc(path);
        Damage(path);
        File.SetLastWriteTimeUtc(path, written);

        Assert.Equal(path, Extract());
        Assert.NotEqual(_embedded, File.ReadAllBytes(path));
    }

    [Fact]
    public void Always_hashes_even_a_change_the_stamp_cannot_see()
    {
        var path = Extract()!;
        var written = File.GetLastWriteTimeUtc(path);
        Damage(path);
        File.SetLastWriteTimeUtc(path, written); // same size and times as when it was stamped

        Assert.Equal(path, Extract(Mode.Always));
        Assert.Equal(_embedded, File.ReadAllBytes(path));
    }

    [Fact]
    public void Off_loads_the_cached_file_as_it_is()
    {
        var path = Extract()!;
        Damage(path);

        Assert.Equal(path, Extract(Mode.Off));
        Assert.NotEqual(_embedded, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_library_the_app_does_not_embed_is_left_to_the_usual_search()
    {
        Assert.Null(Extract(library: "wasmtime"));
        Assert.Empty(Directory.GetFileSystemEntries(_cache));
    }

    [Fact]
    public void An_embedded_library_whose_bytes_do_not_match_its_hash_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Extract(library: "wippydamaged"));

        Assert.Contains("libwippydamaged.so has the SHA-256 9f535ab713fd0907558c3fba292cfd09ae9a59df2c8b529c8b365ccc9e5a6c5a", error.Message);
        Assert.Contains("the app is damaged", error.Message);
        Assert.False(File.Exists(Path.Combine(_cache, new string('0', 64), "libwippydamaged.so")));
    }

    private static byte[] ReadResource(string name)
    {
        using var stream = typeof(NativeLibraryCacheTests).Assembly.GetManifestResourceStream(name)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Flips the first byte in place (same size).</summary>
    private static void Damage(string path)
    {
        using var file = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
        var first = file.ReadByte();
        file.Position = 0;
        file.WriteByte((byte)(first ^ 0xFF));
    }
}
