using Wippy.Host.Execution;
using Wippy.Host.Wasi;
using Wippy.Host.Tests.Clocks;
using Wippy.Host.Tests.Sandbox;
using Wippy.Host.Tests.Stdio;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// The same guests on the host's own WASI and on Wasmtime's built-in WASI (<see cref="WippyRuntimeOptions.WasmtimeWasi"/>):
/// what a guest sees and prints must be the same on both; where they differ on purpose (limits inside a wait), the
/// test says so.
/// </summary>
public sealed class WasiDifferentialTests : IDisposable
{
    private readonly CapturedLogs _ownLogs = new();
    private readonly CapturedLogs _wasmtimeLogs = new();
    private readonly WippyRuntime _own;
    private readonly WippyRuntime _wasmtime;
    private readonly ITestOutputHelper _output;

    public WasiDifferentialTests(ITestOutputHelper output)
    {
        _output = output;
        _own = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = _ownLogs });
        _wasmtime = new WippyRuntime(WippyRegistry.CreateManifest(),
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = _wasmtimeLogs, WasmtimeWasi = true });
    }

    public void Dispose()
    {
        _own.Dispose();
        _wasmtime.Dispose();
    }

    [Theory]
    [InlineData("sandbox:read_file", true)]   // probe.wasm: C + wasi-libc through the preview1 adapter
    [InlineData("sandbox:print", true)]
    [InlineData("stdio:print", true)]         // freestanding, wasi:cli + wasi:io + wasi:random
    [InlineData("clocks:sleep", true)]        // wasi:io/poll (block, ready) + wasi:clocks
    [InlineData("clocks:poll_two", false)]    // imports wasi:io/poll#poll: Wasmtime's WASI (docs/runtime.md#wasi)
    public void Each_guest_is_served_by_the_WASI_it_should_be(string entry, bool own)
    {
        Assert.Equal(own ? WasiLinking.Needs.Host : WasiLinking.Needs.Wasi, Linked(_own, entry));
        Assert.Equal(WasiLinking.Needs.Wasi, Linked(_wasmtime, entry));
    }

    [Fact]
    public void The_probe_guest_reads_writes_lists_and_sees_the_same_on_both()
    {
        var own = new SandboxFunctions(_own);
        var wasmtime = new SandboxFunctions(_wasmtime);
        foreach (var path in new[] { "/data/hello.txt", "hello.txt", "/data", "/data/missing.txt", "/data/../../x", "/scratch/../data/hello.txt", "/elsewhere/x" })
        {
            var answer = Show(own.ReadFile(path));
            _output.WriteLine($"read-file {path}: {answer}");
            Assert.Equal(Show(wasmtime.ReadFile(path)), answer);
        }
        foreach (var path in new[] { "/data", "/", ".", "/missing", "/data/hello.txt" })
        {
            Assert.Equal(Show(wasmtime.ListDir(path)), Show(own.ListDir(path)));
        }
        var name = "diff-" + Guid.NewGuid().ToString("N");
        try
        {
            Assert.Equal(Show(wasmtime.WriteFile($"/scratch/{name}-w.txt", "written ✓\n")), Show(own.WriteFile($"/scratch/{name}-o.txt", "written ✓\n")));
            Assert.Equal(Show(wasmtime.ReadFile($"/scratch/{name}-w.txt")), Show(own.ReadFile($"/scratch/{name}-o.txt")));
            Assert.Equal(Show(wasmtime.WriteFile($"/data/{name}.txt", "x")), Show(own.WriteFile($"/data/{name}.txt", "x"))); // read-only mount
            Assert.Equal(Show(wasmtime.WriteFile($"/scratch/no-dir-{name}/x.txt", "x")), Show(own.WriteFile($"/scratch/no-dir-{name}/x.txt", "x")));
        }
        finally
        {
            foreach (var suffix in new[] { "-w.txt", "-o.txt" })
            {
                File.Delete(Path.Combine(RepoPaths.TestRegistry, "sandbox", "scratch", name + suffix));
            }
        }
        Assert.Equal(wasmtime.GetArgs(), own.GetArgs());
        Assert.Equal(wasmtime.ListEnv(), own.ListEnv());
        Assert.Equal(wasmtime.GetEnv("GREETING"), own.GetEnv("GREETING"));
        Assert.Equal(wasmtime.RandomBytes(300).Length, own.RandomBytes(300).Length);
    }

    [Fact]
    public void Stat_unlink_mkdir_rmdir_and_exit_answer_the_same_on_both()
    {
        var outputs = new Dictionary<string, List<string>>();
        foreach (var (runtime, name) in Both())
        {
            var probe = new SandboxFunctions(runtime);
            var dir = $"/scratch/ops-{name}-{Guid.NewGuid():N}";
            var seen = outputs[name] = [];
            void Op(string op, string a, string b = "") => seen.Add($"{op} {a.Replace(dir, "<dir>")} {b.Replace(dir, "<dir>")}: {Show(probe.FsOp(op, a, b))}");
            try
            {
                Op("mkdir", dir);
                Op("mkdir", dir);                                   // exists
                Assert.True(probe.WriteFile($"{dir}/a.txt", "12345").IsOk);
                Op("stat", $"{dir}/a.txt");
                Op("stat", dir);
                Op("stat", $"{dir}/missing");
                Op("rmdir", dir);                                   // not empty
                Op("unlink", dir);                                  // a directory
                Op("unlink", $"{dir}/a.txt");
                Op("stat", $"{dir}/a.txt");
                Op("unlink", $"{dir}/a.txt");                       // gone
                Op("unlink", "/data/hello.txt");                    // read-only mount
                Op("mkdir", "/data/new");                           // read-only mount
                Op("rmdir", dir);
                Op("stat", "/data/../../etc/passwd");               // leaves the mount
                Op("unknown", "x");
            }
            finally
            {
                var host = Path.Combine(RepoPaths.TestRegistry, "sandbox", "scratch", dir["/scratch/".Length..]);
                if (Directory.Exists(host)) Directory.Delete(host, recursive: true);
            }
            foreach (var status in new[] { "0", "3" })
            {
                var exit = Assert.Throws<WippyException>(() => probe.FsOp("exit", status, ""));
                // exit(3) reaches the host as wasi:cli/exit's err, which carries no code: status 1 on both.
                Assert.Contains($"exited with status {(status == "0" ? 0 : 1)}", exit.Message);
                Assert.Equal(status == "0" ? 0 : 1, exit.ExitCode);
                seen.Add($"exit {status}: {exit.Kind}");
            }
        }
        foreach (var line in outputs["own"]) _output.WriteLine(line);
        // A directory's size is the host's on both (statx on Linux; .NET alone would say 0).
        Assert.Contains(outputs["own"], l => l.StartsWith("stat <dir> : ok size=", StringComparison.Ordinal) && !l.Contains("size=0 ", StringComparison.Ordinal));
        static IEnumerable<string> Comparable(List<string> lines) => lines.Where(l => !l.StartsWith("exit", StringComparison.Ordinal));
        Assert.Equal(Comparable(outputs["wasmtime"]), Comparable(outputs["own"]));
        // exit ends the call with a Trap naming the status, on both.
        Assert.Equal(["exit 0: Trap", "exit 3: Trap"], outputs["own"].Where(l => l.StartsWith("exit", StringComparison.Ordinal)));
        Assert.Equal(["exit 0: Trap", "exit 3: Trap"], outputs["wasmtime"].Where(l => l.StartsWith("exit", StringComparison.Ordinal)));
    }

    private static string Show<T>(Result<T, string> result) =>
        result.IsOk ? "ok " + (result.Value is IEnumerable<string> list ? string.Join(",", list) : result.Value?.ToString()) : "err " + result.Error;

    private static WasiLinking.Needs Linked(WippyRuntime runtime, string entry) =>
        ((ComponentModelExecution)runtime.GetWasmFunction(entry).Execution!).WasiLinked & (WasiLinking.Needs.Host | WasiLinking.Needs.Wasi);

    [Fact]
    public void Output_environment_arguments_and_random_lengths_are_the_same()
    {
        foreach (var (runtime, _) in Both())
        {
            var stdio = new StdioFunctions(runtime);
            stdio.Print("one\ntwo\nthree", "err\n");
            stdio.PrintLines(25);
        }
        foreach (var (category, id) in new[] { ("Wippy.Guest.stdio:print", 10), ("Wippy.Guest.stdio:print", 11), ("Wippy.Guest.stdio:print_lines", 10) })
        {
            var own = _ownLogs.Messages(category, id);
            Assert.NotEmpty(own);
            Assert.Equal(_wasmtimeLogs.Messages(category, id), own);
        }

        var (ownStdio, wasmtimeStdio) = (new StdioFunctions(_own), new StdioFunctions(_wasmtime));
        Assert.Equal(wasmtimeStdio.GetArgs(), ownStdio.GetArgs());
        foreach (var name in new[] { "GREETING", "SECRET", "PATH" })
        {
            Assert.Equal(wasmtimeStdio.GetEnv(name), ownStdio.GetEnv(name));
        }
        Assert.Equal(wasmtimeStdio.RandomBytes(33).Length, ownStdio.RandomBytes(33).Length);
    }

    [Fact]
    public void Misuse_and_denials_fail_the_same_calls()
    {
        foreach (var (runtime, name) in Both())
        {
            var stdio = new StdioFunctions(runtime);
            var tooMuch = Assert.Throws<WippyException>(() => stdio.WriteTooMuch());
            var denied = Assert.Throws<WippyException>(() => stdio.RandomUngranted(8));
            var exit = Assert.Throws<WippyException>(() => stdio.Quit(0));
            var dead = Assert.Throws<WippyException>(() => new ClocksFunctions(runtime).BlockDropped());
            _output.WriteLine($"{name}: write-too-much {tooMuch}");
            _output.WriteLine($"{name}: denied {denied}");
            _output.WriteLine($"{name}: exit {exit}");
            _output.WriteLine($"{name}: dead handle {dead}");
            Assert.Equal(ErrorKind.PermissionDenied, denied.Kind);
        }
    }

    [Fact]
    public void Only_the_hosts_own_WASI_stops_a_sleep_at_the_limit()
    {
        _ = new ClocksFunctions(_own).Sleep(1);
        _ = new ClocksFunctions(_wasmtime).Sleep(1);
        foreach (var (runtime, name) in Both())
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var outcome = Outcome(() => new ClocksFunctions(runtime).SleepLimited(400));
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _output.WriteLine($"{name}: a 400 ms sleep under a 100 ms limit: {outcome} after {elapsed:0} ms");
            if (runtime == _own)
            {
                Assert.Equal("Timeout", outcome);
                Assert.InRange(elapsed, 100, 350);
            }
            else
            {
                Assert.True(elapsed >= 400, "Wasmtime's WASI holds the thread for the whole sleep");
            }
        }
    }

    private IEnumerable<(WippyRuntime Runtime, string Name)> Both() => [(_own, "own"), (_wasmtime, "wasmtime")];

    private static string Outcome(Func<ulong> call)
    {
        try
        {
            return "returned " + call();
        }
        catch (WippyException e)
        {
            return e.Kind.ToString();
        }
    }
}
