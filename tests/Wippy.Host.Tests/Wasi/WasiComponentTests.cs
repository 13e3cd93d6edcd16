using Wippy.Host.Tests.Sandbox;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// WASI for a component guest (tests/guests/wasi/probe.wasm: C + wasi-libc through the preview1 adapter), granted
/// per entry by imports: and configured by the entry's wasi: block (registry/sandbox).
/// </summary>
public sealed class WasiComponentTests : IDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly WippyRuntime _runtime;
    private readonly SandboxFunctions _sandbox;

    private readonly ITestOutputHelper _output;

    public WasiComponentTests(ITestOutputHelper output)
    {
        _output = output;
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = _logs });
        _sandbox = new SandboxFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void The_guest_sees_its_mapped_variables_and_nothing_else()
    {
        Assert.Equal("hello", _sandbox.GetEnv("GREETING"));
        Assert.Null(_sandbox.GetEnv("SECRET"));   // in the same storage, but not mapped
        Assert.Null(_sandbox.GetEnv("PATH"));     // the host's own environment is not visible
        Assert.Equal(["GREETING=hello"], _sandbox.ListEnv());
    }

    [Fact]
    public void Args_are_given_exactly_as_written()
    {
        Assert.Equal(["--verbose", "two words"], _sandbox.GetArgs());
    }

    [Fact]
    public void Variables_are_resolved_at_call_time()
    {
        _runtime.Env.Set("sandbox:token", "first");
        Assert.Equal("first", _sandbox.GetEnv("TOKEN"));
        _runtime.Env.Set("sandbox:token", "second");
        Assert.Equal("second", _sandbox.GetEnv("TOKEN"));
        Assert.Contains("TOKEN=second", _sandbox.ListEnv());
    }

    [Fact]
    public void A_missing_required_variable_fails_the_call_naming_it_and_nothing_runs()
    {
        var error = Assert.Throws<WippyException>(() => _sandbox.RequiredToken("TOKEN"));
        Assert.Equal(ErrorKind.NotFound, error.Kind);
        Assert.Equal("sandbox:required_token", error.EntryId);
        Assert.Contains("TOKEN", error.Message);
        Assert.Contains("sandbox:token", error.Message);
        Assert.Equal(0, _runtime.GetFunction("sandbox:required_token").Idle); // no instance was made for it

        _runtime.Env.Set("sandbox:token", "now-set");
        Assert.Equal("now-set", _sandbox.RequiredToken("TOKEN"));
    }

    [Fact]
    public void Calling_an_interface_the_entry_did_not_declare_is_permission_denied_and_the_entry_keeps_serving()
    {
        var error = Assert.Throws<WippyException>(() => _sandbox.RandomDenied(8));
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("sandbox:random_denied", error.EntryId);
        Assert.Contains("wasi:random", error.Message);
        Assert.Contains("imports:", error.Message);
        Assert.Contains("'- wasi:random'", error.Message);

        // The same component, granted wasi:random, gets random bytes.
        var a = _sandbox.RandomBytes(32);
        var b = _sandbox.RandomBytes(32);
        Assert.Equal(32, a.Length);
        Assert.NotEqual(a, b);
        Assert.Equal(1000, _sandbox.RandomBytes(1000).Length);
    }

    [Fact]
    public void An_entry_without_imports_loads_and_its_wasi_calls_are_denied()
    {
        // probe.wasm imports wasi:cli, wasi:io, wasi:clocks, wasi:filesystem and wasi:random; the entry declares none.
        var error = Assert.Throws<WippyException>(() => _sandbox.BareGetEnv("GREETING"));
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("wasi:cli", error.Message);
        Assert.True(_runtime.GetFunction("sandbox:bare_get_env").IsLoaded);
    }

    [Fact]
    public void Files_in_mounts_are_read_and_relative_paths_resolve_against_cwd()
    {
        Assert.Equal("hello from data\n", _sandbox.ReadFile("/data/hello.txt").Value);
        Assert.Equal("notes in sub\n", _sandbox.ReadFile("/data/sub/notes.txt").Value);
        Assert.Equal("hello from data\n", _sandbox.ReadFile("hello.txt").Value);       // cwd: /data
        Assert.Equal("notes in sub\n", _sandbox.ReadFile("sub/notes.txt").Value);
        Assert.Equal(["hello.txt", "sub"], _sandbox.ListDir("/data").Value);
    }

    [Fact]
    public void A_read_only_mount_refuses_writes_and_a_writable_one_takes_them()
    {
        var refused = _sandbox.WriteFile("/data/new.txt", "x");
        Assert.False(refused.IsOk);
        Assert.False(File.Exists(Path.Combine(RepoPaths.TestRegistry, "sandbox", "data", "new.txt")));

        var name = $"w-{Guid.NewGuid():N}.txt";
        var host = Path.Combine(RepoPaths.TestRegistry, "sandbox", "scratch", name);
        try
        {
            Assert.True(_sandbox.WriteFile("/scratch/" + name, "written by the guest").IsOk);
            Assert.Equal("written by the guest", File.ReadAllText(host));
            Assert.Equal("written by the guest", _sandbox.ReadFile("/scratch/" + name).Value);
        }
        finally
        {
            File.Delete(host);
        }
    }

    [Theory]
    [InlineData("/data/../_index.yaml")]           // .. out of a mount
    [InlineData("../_index.yaml")]                 // .. out of the working directory
    [InlineData("/data/sub/../../_index.yaml")]
    [InlineData("/etc/passwd")]                    // an absolute path outside every mount
    [InlineData("/_index.yaml")]
    public void Paths_leading_out_of_the_mounts_are_refused(string path)
    {
        var result = _sandbox.ReadFile(path);
        Assert.False(result.IsOk, $"{path} was read: {result}");
    }

    [Fact]
    public void Symbolic_links_leading_out_of_a_mount_are_refused()
    {
        var scratch = Path.Combine(RepoPaths.TestRegistry, "sandbox", "scratch");
        Directory.CreateDirectory(scratch);
        var id = Guid.NewGuid().ToString("N");
        var dirLink = Path.Combine(scratch, "dir-" + id);
        var fileLink = Path.Combine(scratch, "file-" + id);
        var inside = Path.Combine(scratch, "inside-" + id);
        File.CreateSymbolicLink(fileLink, Path.Combine(RepoPaths.TestRegistry, "sandbox", "_index.yaml"));
        Directory.CreateSymbolicLink(dirLink, Path.Combine(RepoPaths.TestRegistry, "sandbox"));
        File.WriteAllText(inside + ".txt", "inside");
        File.CreateSymbolicLink(inside, "inside-" + id + ".txt"); // relative, and inside the mount
        try
        {
            Assert.False(_sandbox.ReadFile($"/scratch/file-{id}").IsOk);
            Assert.False(_sandbox.ReadFile($"/scratch/dir-{id}/_index.yaml").IsOk);
            Assert.False(_sandbox.WriteFile($"/scratch/dir-{id}/planted.txt", "x").IsOk);
            Assert.False(File.Exists(Path.Combine(RepoPaths.TestRegistry, "sandbox", "planted.txt")));
            Assert.Equal("inside", _sandbox.ReadFile($"/scratch/inside-{id}").Value); // a link that stays inside works
        }
        finally
        {
            File.Delete(fileLink);
            Directory.Delete(dirLink);
            File.Delete(inside);
            File.Delete(inside + ".txt");
        }
    }

    [Fact]
    public void Without_wasi_filesystem_nothing_is_mounted()
    {
        Assert.False(_sandbox.ReadFileUnmounted("/data/hello.txt").IsOk);
    }

    [Fact]
    public void The_wall_clock_reads_the_time()
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        Assert.InRange(_sandbox.WallClock(), now - 5, now + 5);
    }

    [Fact]
    public void Lines_of_concurrent_calls_never_mix()
    {
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var text = string.Concat(Enumerable.Range(0, 20).Select(j => $"call {i} line {j} {new string((char)('a' + i), 40)}\n"));
            _sandbox.Print(text, "");
        });
        var lines = _logs.Messages("Wippy.Guest.sandbox:print", 10);
        Assert.Equal(160, lines.Count);
        foreach (var line in lines)
        {
            var m = System.Text.RegularExpressions.Regex.Match(line, @"^\[sandbox:print stdout\] call (\d) line (\d+) ([a-h]{40})$");
            Assert.True(m.Success, line);
            Assert.Equal(new string((char)('a' + int.Parse(m.Groups[1].Value)), 40), m.Groups[3].Value);
        }
        for (var i = 0; i < 8; i++)
        {
            // Each call's lines arrive complete and in order.
            var own = lines.Where(l => l.Contains($"call {i} line ")).Select(l => int.Parse(l.Split(' ')[5])).ToList();
            Assert.Equal(Enumerable.Range(0, 20), own);
        }
    }

    [Fact]
    public void An_auto_init_fs_entry_is_created_with_its_mode_and_mounted()
    {
        // Not in the repository's registry: other tests' runtimes load this entry too (LoadAll, check, the health
        // check), so there the directory comes and goes under them. A copy of the layout the entry needs instead:
        // the registry root, and the guest at ../../guests/wasi from it.
        using var temp = new TempDirectory();
        temp.CopyFrom(RepoPaths.Root, Path.Combine("tests", "guests", "wasi"));
        var root = Path.Combine(temp.Path, "tests", "Wippy.Host.Tests", "registry");
        Directory.CreateDirectory(Path.Combine(root, "sandbox"));
        var fresh = Path.Combine(root, "sandbox", "fresh");
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = root });
        Assert.False(Directory.Exists(fresh));
        Assert.True(new SandboxFunctions(runtime).WriteFresh("/out/made.txt", "in a new directory").IsOk);
        Assert.Equal("in a new directory", File.ReadAllText(Path.Combine(fresh, "made.txt")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
                File.GetUnixFileMode(fresh) & ~(UnixFileMode)0b000_010_010); // umask may only take away
        }
    }

    [Fact]
    public void A_mount_whose_directory_does_not_exist_fails_the_load_saying_what_to_do()
    {
        var error = Assert.Throws<WippyException>(() => _sandbox.MountsNowhere("/x/a"));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("sandbox:mounts_nowhere", error.EntryId);
        Assert.Contains("sandbox:nowhere", error.Message);
        Assert.Contains("auto_init: true", error.Message);
        Assert.Equal("hello", _sandbox.GetEnv("GREETING")); // the other entries serve
    }

    [Fact]
    public void Fs_embed_serves_modules_from_the_app_and_mounts_read_only()
    {
        var embedded = Assert.IsType<Registry.FsEmbedDescriptor>(_runtime.Manifest.Find("sandbox:probe_embedded"));
        Assert.Equal(["probe-core.wasm", "probe.wasm"], embedded.Files); // include: ['*.wasm'] leaves out probe.c and the scripts
        Assert.Null(embedded.ReadFile("probe.c"));
        Assert.NotNull(embedded.ReadFile("/probe.wasm"));
        Assert.Equal("hello from data\n", _sandbox.EmbeddedRead("/data/hello.txt").Value);
        Assert.Equal("notes in sub\n", _sandbox.EmbeddedRead("/data/sub/notes.txt").Value);
        Assert.False(_sandbox.EmbeddedFiles("/data/new.txt", "x").IsOk); // the mount does not say read_only: embedded files are anyway
        // (a module missing from an fs.embed directory is a build error, WIPPY0200, like one missing from an fs.directory)
    }

    [Fact]
    public void Guest_output_is_logged_one_event_per_line_in_the_entry_category_and_nothing_is_lost()
    {
        _sandbox.Print("first line\nsecond line\nno newline at the end", "an error line\n");
        _sandbox.Print("next call\n", "");
        const string category = "Wippy.Guest.sandbox:print";
        Assert.Equal(
            ["[sandbox:print stdout] first line", "[sandbox:print stdout] second line", "[sandbox:print stdout] no newline at the end", "[sandbox:print stdout] next call"],
            _logs.Messages(category, 10));
        Assert.Equal(["[sandbox:print stderr] an error line"], _logs.Messages(category, 11));
    }
}
