using Wippy.Host.Tests.Support;
using Wippy.Host.WasiHost.Filesystem;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// How the host's own wasi:filesystem resolves a guest's path inside its mount (real directories and links in a
/// temporary folder): what stays inside resolves, what would leave is refused with the interface's error code.
/// </summary>
public sealed class SandboxPathTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly Preopen _root;

    public SandboxPathTests()
    {
        var mount = Path.Combine(_temp.Path, "mount");
        Directory.CreateDirectory(Path.Combine(mount, "a", "b"));
        File.WriteAllText(Path.Combine(mount, "a", "b", "file.txt"), "x");
        File.WriteAllText(Path.Combine(_temp.Path, "outside.txt"), "secret");
        File.CreateSymbolicLink(Path.Combine(mount, "inside-link"), "a/b/file.txt");
        File.CreateSymbolicLink(Path.Combine(mount, "a", "up-link"), "../a/b");
        File.CreateSymbolicLink(Path.Combine(mount, "escape-link"), "../outside.txt");
        File.CreateSymbolicLink(Path.Combine(mount, "absolute-link"), Path.Combine(_temp.Path, "outside.txt"));
        File.CreateSymbolicLink(Path.Combine(mount, "loop-1"), "loop-2");
        File.CreateSymbolicLink(Path.Combine(mount, "loop-2"), "loop-1");
        _root = new Preopen(mount, "/m", Writable: true);
    }

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("a/b/file.txt", "a/b/file.txt")]
    [InlineData("./a//b/./file.txt", "a/b/file.txt")]
    [InlineData("a/b/../b/file.txt", "a/b/file.txt")]
    [InlineData("inside-link", "a/b/file.txt")]
    [InlineData("a/up-link/file.txt", "a/b/file.txt")]
    [InlineData("a/b/", "a/b")]
    [InlineData("new-file.txt", "new-file.txt")] // need not exist (create)
    public void Paths_inside_the_mount_resolve(string path, string expected)
    {
        Assert.Equal(expected, string.Join('/', SandboxPath.Resolve(_root, [], path, followLast: true)));
    }

    [Fact]
    public void A_link_is_not_followed_at_the_end_unless_asked()
    {
        Assert.Equal("inside-link", string.Join('/', SandboxPath.Resolve(_root, [], "inside-link", followLast: false)));
        Assert.Equal("escape-link", string.Join('/', SandboxPath.Resolve(_root, [], "escape-link", followLast: false)));
    }

    [Theory]
    [InlineData("..", "not-permitted")]
    [InlineData("a/../../outside.txt", "not-permitted")]
    [InlineData("/etc/passwd", "not-permitted")]
    [InlineData("escape-link", "not-permitted")]
    [InlineData("absolute-link", "not-permitted")]
    [InlineData("loop-1", "loop")]
    [InlineData("a/b\0/file.txt", "invalid")]
    [InlineData("", "no-entry")]
    public void Paths_that_would_leave_the_mount_or_cannot_be_paths_are_refused(string path, string code)
    {
        var error = Assert.Throws<FilesystemError>(() => SandboxPath.Resolve(_root, [], path, followLast: true));
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void From_a_subdirectory_dot_dot_stops_at_the_mount()
    {
        Assert.Equal("a/b/file.txt", string.Join('/', SandboxPath.Resolve(_root, ["a"], "../a/b/file.txt", followLast: true)));
        Assert.Equal("not-permitted", Assert.Throws<FilesystemError>(() => SandboxPath.Resolve(_root, ["a"], "../../x", followLast: true)).Code);
    }
}
