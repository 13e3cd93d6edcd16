using Wippy.Host.Tests.Stdio;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// The host's own wasi:cli, wasi:io/streams and wasi:random on a component without wasi:filesystem
/// (tests/guests/components/stdio): output to the log, the environment and arguments as the entry maps them, exit,
/// random bytes, streams used wrongly, and grants (registry/stdio).
/// </summary>
public sealed class WasiHostStdioTests : IDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly WippyRuntime _runtime;
    private readonly StdioFunctions _stdio;
    private readonly ITestOutputHelper _output;

    public WasiHostStdioTests(ITestOutputHelper output)
    {
        _output = output;
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = _logs });
        _stdio = new StdioFunctions(_runtime);
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void Output_is_logged_one_event_per_line_and_nothing_is_lost()
    {
        _stdio.Print("first line\nsecond line\nno newline at the end", "an error line\n");
        _stdio.Print("next call\n", "");
        const string category = "Wippy.Guest.stdio:print";
        Assert.Equal(
            ["[stdio:print stdout] first line", "[stdio:print stdout] second line", "[stdio:print stdout] no newline at the end", "[stdio:print stdout] next call"],
            _logs.Messages(category, 10));
        Assert.Equal(["[stdio:print stderr] an error line"], _logs.Messages(category, 11));
    }

    [Fact]
    public void Long_output_crosses_in_pieces_of_4096_bytes_and_arrives_whole()
    {
        var line = new string('x', 10_000);
        _stdio.Print(line + "\n", "");
        Assert.Equal(["[stdio:print stdout] " + line], _logs.Messages("Wippy.Guest.stdio:print", 10));
    }

    [Fact]
    public void Many_small_writes_through_one_handle_each_reach_the_log()
    {
        _stdio.PrintLines(1000);
        var lines = _logs.Messages("Wippy.Guest.stdio:print_lines", 10);
        Assert.Equal(1000, lines.Count);
        Assert.Equal("[stdio:print_lines stdout] line 0", lines[0]);
        Assert.Equal("[stdio:print_lines stdout] line 999", lines[^1]);
    }

    [Fact]
    public void The_guest_sees_its_mapped_variables_and_arguments_and_nothing_else()
    {
        Assert.Equal("hello", _stdio.GetEnv("GREETING"));
        Assert.Null(_stdio.GetEnv("SECRET")); // in the same storage, but not mapped
        Assert.Null(_stdio.GetEnv("PATH"));   // the host's own environment is not visible
        Assert.Equal(["--verbose", "two words"], _stdio.GetArgs());
    }

    [Fact]
    public void Random_bytes_are_as_many_as_asked_and_differ_between_calls()
    {
        var first = _stdio.RandomBytes(64);
        var second = _stdio.RandomBytes(64);
        Assert.Equal(64, first.Length);
        Assert.NotEqual(first, second);
        Assert.Empty(_stdio.RandomBytes(0));
    }

    [Fact]
    public void More_random_bytes_than_the_host_returns_at_once_fail_the_call_as_a_trap()
    {
        var error = Assert.Throws<WippyException>(() => _stdio.RandomBytes(2 << 20));
        _output.WriteLine(error.ToString());
        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Contains("at most 1048576", error.Message);
        Assert.Equal(16, _stdio.RandomBytes(16).Length);
    }

    [Fact]
    public void Random_without_the_grant_is_denied_naming_what_to_add()
    {
        var error = Assert.Throws<WippyException>(() => _stdio.RandomUngranted(8));
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("wasi:random/random@0.2.0#get-random-bytes", error.Message);
        Assert.Contains("add '- wasi:random' to its imports:", error.Message);
    }

    [Fact]
    public void Writes_past_what_the_stream_allows_trap_and_the_entry_keeps_serving()
    {
        var tooMuch = Assert.Throws<WippyException>(() => _stdio.WriteTooMuch());
        _output.WriteLine(tooMuch.ToString());
        Assert.Equal(ErrorKind.Trap, tooMuch.Kind);
        Assert.Contains("at most 4096", tooMuch.Message);

        var pastBudget = Assert.Throws<WippyException>(() => _stdio.WritePastBudget());
        _output.WriteLine(pastBudget.ToString());
        Assert.Equal(ErrorKind.Trap, pastBudget.Kind);
        Assert.Contains("check-write permitted", pastBudget.Message);
    }

    [Fact]
    public void Exit_fails_the_call_with_its_status_and_the_entry_keeps_serving()
    {
        var ok = Assert.Throws<WippyException>(() => _stdio.Quit(0));
        Assert.Equal(ErrorKind.Trap, ok.Kind);
        Assert.Contains("exited with status 0", ok.Message);
        Assert.Equal(0, ok.ExitCode);
        var failed = Assert.Throws<WippyException>(() => _stdio.Quit(3));
        Assert.Contains("exited with status 1", failed.Message);
        Assert.Equal(1, failed.ExitCode); // wasi:cli/exit's exit(err) carries no code
        Assert.Equal("stdio:quit", failed.EntryId);
    }
}
