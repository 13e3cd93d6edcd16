using Wippy.Host.Execution;
using Wippy.Host.Wasi;
using Wippy.Host.Tests.Clocks;
using Wippy.Host.Tests.Sandbox;
using Wippy.Host.Tests.Stdio;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// The same guests served three ways: planned (their core modules wired by the host, the host's own WASI lowered at
/// core level: the entries without a suffix), through Wasmtime's component model on the host's own WASI (the
/// <c>_cm</c> twins, <c>call_path: component-model</c>), and through the component model on Wasmtime's built-in WASI
/// (the twins on a runtime with <see cref="WippyRuntimeOptions.WasmtimeWasi"/>): what a guest sees and prints must be
/// the same on all three; where they differ on purpose (limits inside a wait), the test says so.
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
    [InlineData("sandbox:read_file_cm", true)]   // probe.wasm: C + wasi-libc through the preview1 adapter
    [InlineData("sandbox:print_cm", true)]
    [InlineData("stdio:print_cm", true)]         // freestanding, wasi:cli + wasi:io + wasi:random
    [InlineData("clocks:sleep_cm", true)]        // wasi:io/poll (block, ready) + wasi:clocks
    [InlineData("clocks:poll_two_cm", false)]    // imports wasi:io/poll#poll: Wasmtime's WASI (docs/runtime.md#wasi)
    public void Each_guest_is_served_by_the_WASI_it_should_be(string entry, bool own)
    {
        Assert.Equal(own ? WasiLinking.Needs.Host : WasiLinking.Needs.Wasi, Linked(_own, entry));
        Assert.Equal(WasiLinking.Needs.Wasi, Linked(_wasmtime, entry));
    }

    [Theory]
    [InlineData("sandbox:read_file")]
    [InlineData("sandbox:print")]
    [InlineData("stdio:print")]
    [InlineData("imports:calculate")]
    [InlineData("clocks:sleep")]    // waits on wasi:io/poll: on core fibers
    [InlineData("clocks:poll_two")] // imports wasi:io/poll#poll too, which the host lifts itself on this path
    public void A_planned_guest_is_served_by_the_hosts_own_WASI_at_core_level_whatever_the_runtime_option(string entry)
    {
        // Its proxy calls core code, so its WASI can only be the host's own, lowered at core level.
        foreach (var (runtime, _) in Both())
        {
            var execution = Assert.IsType<CoreModuleExecution>(runtime.GetWasmFunction(entry).Execution);
            Assert.Equal("a planned component", execution.Mode);
        }
    }

    [Fact]
    public void The_probe_guest_reads_writes_lists_and_sees_the_same_on_all_three()
    {
        var (planned, others) = ProbesOnEveryPath();
        foreach (var path in new[] { "/data/hello.txt", "hello.txt", "/data", "/data/missing.txt", "/data/../../x", "/scratch/../data/hello.txt", "/elsewhere/x" })
        {
            var answer = planned.ReadFile(path);
            _output.WriteLine($"read-file {path}: {answer}");
            foreach (var other in others) Assert.Equal(other.ReadFile(path), answer);
        }
        foreach (var path in new[] { "/data", "/", ".", "/missing", "/data/hello.txt" })
        {
            foreach (var other in others) Assert.Equal(other.ListDir(path), planned.ListDir(path));
        }
        var name = "diff-" + Guid.NewGuid().ToString("N");
        try
        {
            var written = planned.WriteFile($"/scratch/{name}-planned.txt", "written ✓\n");
            Assert.Equal("ok ()", written);
            foreach (var other in others)
            {
                Assert.Equal(written, other.WriteFile($"/scratch/{name}-{other.Name}.txt", "written ✓\n"));
                Assert.Equal(planned.ReadFile($"/scratch/{name}-planned.txt"), other.ReadFile($"/scratch/{name}-{other.Name}.txt"));
                Assert.Equal(planned.WriteFile($"/data/{name}.txt", "x"), other.WriteFile($"/data/{name}.txt", "x")); // read-only mount
                Assert.Equal(planned.WriteFile($"/scratch/no-dir-{name}/x.txt", "x"), other.WriteFile($"/scratch/no-dir-{name}/x.txt", "x"));
                Assert.Equal(planned.Args(), other.Args());
                Assert.Equal(planned.Env(), other.Env());
                Assert.Equal(planned.GetEnv("GREETING"), other.GetEnv("GREETING"));
                Assert.Equal(planned.RandomLength(300), other.RandomLength(300));
            }
        }
        finally
        {
            foreach (var suffix in new[] { "planned", "own", "wasmtime" })
            {
                File.Delete(Path.Combine(RepoPaths.TestRegistry, "sandbox", "scratch", $"{name}-{suffix}.txt"));
            }
        }
        Assert.Equal("--verbose|two words", planned.Args());
        Assert.Equal("GREETING=hello", planned.Env());
        Assert.Equal("hello", planned.GetEnv("GREETING"));
        Assert.Equal(300, planned.RandomLength(300));
    }

    [Fact]
    public void Stat_unlink_mkdir_rmdir_and_exit_answer_the_same_on_all_three()
    {
        var outputs = new Dictionary<string, List<string>>();
        var (plannedProbe, otherProbes) = ProbesOnEveryPath();
        foreach (var probe in otherProbes.Prepend(plannedProbe))
        {
            var name = probe.Name;
            var dir = $"/scratch/ops-{name}-{Guid.NewGuid():N}";
            var seen = outputs[name] = [];
            void Op(string op, string a, string b = "") => seen.Add($"{op} {a.Replace(dir, "<dir>")} {b.Replace(dir, "<dir>")}: {probe.FsOp(op, a, b)}");
            try
            {
                Op("mkdir", dir);
                Op("mkdir", dir);                                   // exists
                Assert.Equal("ok ()", probe.WriteFile($"{dir}/a.txt", "12345"));
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
        foreach (var line in outputs["planned"]) _output.WriteLine(line);
        // A directory's size is the host's on all three (statx on Linux; .NET alone would say 0).
        Assert.Contains(outputs["planned"], l => l.StartsWith("stat <dir> : ok size=", StringComparison.Ordinal) && !l.Contains("size=0 ", StringComparison.Ordinal));
        foreach (var other in new[] { "own", "wasmtime" })
        {
            Assert.Equal(outputs[other], outputs["planned"]);
        }
        // exit ends the call with a Trap naming the status, on all three.
        Assert.Equal(["exit 0: Trap", "exit 3: Trap"], outputs["planned"].Where(l => l.StartsWith("exit", StringComparison.Ordinal)));
    }

    /// <summary>The probe guest's functions on one path, each answer shown as text.</summary>
    private sealed record Probe(
        string Name,
        Func<string, string> ReadFile,
        Func<string, string> ListDir,
        Func<string, string, string> WriteFile,
        Func<string, string, string, string> FsOp,
        Func<string> Args,
        Func<string> Env,
        Func<string, string?> GetEnv,
        Func<uint, int> RandomLength);

    /// <summary>The probe planned (on the host's own WASI), and its twins through the component model on each WASI.</summary>
    private (Probe Planned, Probe[] Others) ProbesOnEveryPath()
    {
        var planned = new SandboxFunctions(_own);
        var own = new SandboxFunctions(_own);
        var wasmtime = new SandboxFunctions(_wasmtime);
        return (
            new Probe("planned", p => Show(planned.ReadFile(p)), p => Show(planned.ListDir(p)), (p, c) => Show(planned.WriteFile(p, c)),
                (op, a, b) => Show(planned.FsOp(op, a, b)), () => string.Join("|", planned.GetArgs()), () => string.Join("|", planned.ListEnv()),
                planned.GetEnv, n => planned.RandomBytes(n).Length),
            [
                new Probe("own", p => Show(own.ReadFileCm(p)), p => Show(own.ListDirCm(p)), (p, c) => Show(own.WriteFileCm(p, c)),
                    (op, a, b) => Show(own.FsOpCm(op, a, b)), () => string.Join("|", own.GetArgsCm()), () => string.Join("|", own.ListEnvCm()),
                    own.GetEnvCm, n => own.RandomBytesCm(n).Length),
                new Probe("wasmtime", p => Show(wasmtime.ReadFileCm(p)), p => Show(wasmtime.ListDirCm(p)), (p, c) => Show(wasmtime.WriteFileCm(p, c)),
                    (op, a, b) => Show(wasmtime.FsOpCm(op, a, b)), () => string.Join("|", wasmtime.GetArgsCm()), () => string.Join("|", wasmtime.ListEnvCm()),
                    wasmtime.GetEnvCm, n => wasmtime.RandomBytesCm(n).Length),
            ]);
    }

    private static string Show<T>(Result<T, string> result) =>
        result.IsOk ? "ok " + (result.Value is IEnumerable<string> list ? string.Join(",", list) : result.Value?.ToString()) : "err " + result.Error;

    private static WasiLinking.Needs Linked(WippyRuntime runtime, string entry) =>
        ((ComponentModelExecution)runtime.GetWasmFunction(entry).Execution!).WasiLinked & (WasiLinking.Needs.Host | WasiLinking.Needs.Wasi);

    [Fact]
    public void Output_environment_arguments_and_random_lengths_are_the_same()
    {
        var planned = new StdioFunctions(_own);
        planned.Print("one\ntwo\nthree", "err\n");
        planned.PrintLines(25);
        foreach (var (runtime, _) in Both())
        {
            var stdio = new StdioFunctions(runtime);
            stdio.PrintCm("one\ntwo\nthree", "err\n");
            stdio.PrintLinesCm(25);
        }
        foreach (var (entry, id) in new[] { ("print", 10), ("print", 11), ("print_lines", 10) })
        {
            var seen = _ownLogs.Messages("Wippy.Guest.stdio:" + entry, id);
            Assert.NotEmpty(seen);
            // Each line names its entry: the twin's name is the planned one's plus "_cm".
            IEnumerable<string> Twin(CapturedLogs logs) => logs.Messages($"Wippy.Guest.stdio:{entry}_cm", id).Select(m => m.Replace($"stdio:{entry}_cm", $"stdio:{entry}"));
            Assert.Equal(seen, Twin(_ownLogs));
            Assert.Equal(seen, Twin(_wasmtimeLogs));
        }

        foreach (var (runtime, _) in Both())
        {
            var stdio = new StdioFunctions(runtime);
            Assert.Equal(planned.GetArgs(), stdio.GetArgsCm());
            foreach (var name in new[] { "GREETING", "SECRET", "PATH" })
            {
                Assert.Equal(planned.GetEnv(name), stdio.GetEnvCm(name));
            }
            Assert.Equal(planned.RandomBytes(33).Length, stdio.RandomBytesCm(33).Length);
        }
        Assert.Equal(["--verbose", "two words"], planned.GetArgs());
        Assert.Equal("hello", planned.GetEnv("GREETING"));
        Assert.Equal(33, planned.RandomBytes(33).Length);
    }

    [Fact]
    public void Misuse_and_denials_fail_the_same_calls()
    {
        var stdio = new StdioFunctions(_own);
        var failures = new List<(string Path, WippyException TooMuch, WippyException Denied, WippyException Exit)>
        {
            ("planned", Assert.Throws<WippyException>(() => stdio.WriteTooMuch()), Assert.Throws<WippyException>(() => stdio.RandomUngranted(8)),
                Assert.Throws<WippyException>(() => stdio.Quit(3))),
        };
        foreach (var (runtime, name) in Both())
        {
            var twin = new StdioFunctions(runtime);
            failures.Add((name, Assert.Throws<WippyException>(() => twin.WriteTooMuchCm()), Assert.Throws<WippyException>(() => twin.RandomUngrantedCm(8)),
                Assert.Throws<WippyException>(() => twin.QuitCm(3))));
            var dead = Assert.Throws<WippyException>(() => new ClocksFunctions(runtime).BlockDropped());
            _output.WriteLine($"{name}: dead handle {dead}");
        }
        foreach (var (path, tooMuch, denied, exit) in failures)
        {
            _output.WriteLine($"{path}: write-too-much {tooMuch}");
            _output.WriteLine($"{path}: denied {denied}");
            _output.WriteLine($"{path}: exit {exit}");
            // Wasmtime's WASI fails a blocking write of more than 4096 bytes with an error of its own (Internal here).
            if (path != "wasmtime") Assert.Equal(ErrorKind.Trap, tooMuch.Kind);
            Assert.Equal(ErrorKind.PermissionDenied, denied.Kind);
            Assert.Contains("wasi:random/random@0.2.0#get-random-bytes", denied.Message);
            Assert.Equal(ErrorKind.Trap, exit.Kind);
            Assert.Equal(1, exit.ExitCode); // quit(3) exits with wasi:cli/exit's err, which carries no code
        }
        // The host's own WASI says the same whichever path calls it (the entries' names aside).
        var (planned, ownTwin) = (failures[0], failures[1]);
        Assert.Equal(Shape(ownTwin.Denied.Detail), Shape(planned.Denied.Detail));
        Assert.Equal(ownTwin.TooMuch.Detail, planned.TooMuch.Detail);
        Assert.Equal(ownTwin.Exit.Detail, planned.Exit.Detail);
        static string Shape(string detail) => System.Text.RegularExpressions.Regex.Replace(detail, @"declared at [^)]*", "declared at …");
    }

    [Fact]
    public void A_misused_handle_traps_on_both_paths_and_the_entry_serves_on()
    {
        var stdio = new StdioFunctions(_own);
        var planned = new List<string>();
        foreach (var how in new uint[] { 0, 1, 2 })
        {
            var direct = Assert.Throws<WippyException>(() => stdio.MisuseHandle(how));
            var twin = Assert.Throws<WippyException>(() => stdio.MisuseHandleCm(how));
            _output.WriteLine($"how {how}: planned: {direct.Message}\n        component model: {twin.Message}");
            Assert.Equal((ErrorKind.Trap, "stdio:misuse_handle"), (direct.Kind, direct.EntryId));
            // Through the component model Wasmtime refuses the handle itself, with an error of its own: a Trap too.
            Assert.Equal((ErrorKind.Trap, "stdio:misuse_handle_cm"), (twin.Kind, twin.EntryId));
            Assert.Contains("unknown handle index", twin.Message);
            planned.Add(direct.Detail);
            Assert.Equal(2u, stdio.LeakHandles(2)); // the entry serves on (a fresh instance)
        }
        // Each instance's first handle is 1: a second drop of it, a call through it once dropped, one never given.
        Assert.Equal(
        [
            "'[resource-drop]output-stream': handle 1 is not a live wasi:io/streams/output-stream",
            "'wasi:io/streams@0.2.0#[method]output-stream.check-write': handle 1 is not a live wasi:io/streams/output-stream",
            "'wasi:io/streams@0.2.0#[method]output-stream.check-write': handle 4242 is not a live wasi:io/streams/output-stream",
        ], planned);
    }

    [Fact]
    public void Handles_never_dropped_trap_at_the_stores_limit_on_both_paths_and_the_entry_serves_on()
    {
        var stdio = new StdioFunctions(_own);
        Assert.Equal(99_000u, stdio.LeakHandles(99_000));
        var direct = Assert.Throws<WippyException>(() => stdio.LeakHandles(100_001));
        var twin = Assert.Throws<WippyException>(() => stdio.LeakHandlesCm(100_001));
        _output.WriteLine($"planned: {direct.Message}\ncomponent model: {twin.Message}");
        Assert.Equal(ErrorKind.Trap, direct.Kind);
        Assert.Equal(ErrorKind.Trap, twin.Kind);
        Assert.Contains("the guest holds 100000 handles without dropping them (the store's handle limit)", direct.Message);
        Assert.Contains("handle limit", twin.Message);
        Assert.Equal(10u, stdio.LeakHandles(10));
        Assert.Equal(10u, stdio.LeakHandlesCm(10));
    }

    [Fact]
    public void Only_the_hosts_own_WASI_stops_a_sleep_at_the_limit()
    {
        // Through the component model each runtime's WASI serves the guest; called directly it is always the host's own.
        foreach (var (runtime, name) in Both())
        {
            var clocks = new ClocksFunctions(runtime);
            _ = clocks.SleepCm(1);
            _ = clocks.Sleep(1);
            foreach (var (path, sleep) in new (string, Func<ulong>)[] { ("component model", () => clocks.SleepLimitedCm(400)), ("direct", () => clocks.SleepLimited(400)) })
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var outcome = Outcome(sleep);
                var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                _output.WriteLine($"{name}, {path}: a 400 ms sleep under a 100 ms limit: {outcome} after {elapsed:0} ms");
                if (runtime == _own || path == "direct")
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
