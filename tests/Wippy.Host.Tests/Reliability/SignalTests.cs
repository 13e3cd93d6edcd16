using System.Diagnostics;
using Wippy.Host.Tests.EndToEnd;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// The sample app serving (<c>run</c>) with a long call in flight (<c>--call myns:countdown</c>, minutes of work)
/// stops cleanly on SIGTERM and on SIGINT (Ctrl+C): it waits for the call up to the host's shutdown timeout (2 s here),
/// stops it, says so, and exits 0 soon after. Run alone (<see cref="NotInParallel"/>): the app's call takes a core.
/// </summary>
[Collection(NotInParallel.Name)]
public sealed class SignalTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Beyond the shutdown timeout: the runtime's disposal and the process's exit, on a loaded 2-core machine.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(Signals.SIGTERM, "SIGTERM")]
    [InlineData(Signals.SIGINT, "SIGINT")]
    public async Task A_signal_during_a_long_call_stops_the_call_after_the_shutdown_timeout_and_exits_0(int signal, string name)
    {
        using var app = new SampleProcess(
            new Dictionary<string, string>
            {
                ["DOTNET_shutdownTimeoutSeconds"] = ShutdownTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Wippy.Host"] = "Debug", // event 2: the call's instance is made as it takes its worker
            },
            "run", "--call", "myns:countdown", "1000000000000");
        await Eventually.TrueAsync(
            () => app.HasExited || (app.Stdout.Contains("Serving 17 of 17 functions.") && app.Stdout.Contains("Entry myns:countdown: new instance")),
            "the app serving, with the call running");
        if (app.HasExited) throw new Xunit.Sdk.XunitException($"the app exited early ({app.ExitCode}):\n{app.Stdout}\n{app.Stderr}");

        var sent = Stopwatch.GetTimestamp();
        Signals.Send(app.Id, signal);
        var exited = await app.ExitedWithin(ShutdownTimeout + Margin);
        var elapsed = Stopwatch.GetElapsedTime(sent);
        output.WriteLine($"{name}: {(exited ? $"exit code {app.ExitCode}" : "still running")} after {elapsed.TotalMilliseconds:0} ms");
        output.WriteLine("stdout:\n" + app.Stdout);
        output.WriteLine("stderr:\n" + app.Stderr);

        Assert.True(exited, $"the app still ran {(ShutdownTimeout + Margin).TotalSeconds:0} s after {name}");
        Assert.Equal(0, app.ExitCode);
        Assert.True(elapsed >= ShutdownTimeout * 0.9, $"it exited after {elapsed.TotalMilliseconds:0} ms: it did not wait for the call up to the shutdown timeout");
        Assert.Contains("Wippy stopping: waiting for 1 call(s) in flight to finish", app.Stdout);
        Assert.Contains("Wippy stopped before 1 call(s) finished: the host's shutdown timeout ended the wait; the calls still running were stopped", app.Stdout);
        Assert.Equal("Unavailable: myns:countdown: the runtime stopped while the call ran\n", app.Stderr); // the call's own report
        Assert.Contains("\nStopping.\n", app.Stdout); // (the console logger writes from a thread of its own: its lines may come after)
    }

    [Fact]
    public async Task SIGTERM_during_a_call_shorter_than_the_shutdown_timeout_lets_it_finish_and_exits_0()
    {
        // 1.4 s of counting on the 2-core machine it was written on (about 0.5 ns a turn), far under a 60 s shutdown
        // timeout: the host waits for the call.
        using var app = new SampleProcess(
            new Dictionary<string, string> { ["DOTNET_shutdownTimeoutSeconds"] = "60", ["Logging__LogLevel__Wippy.Host"] = "Debug" },
            "run", "--call", "myns:countdown", "3000000000");
        await Eventually.TrueAsync(
            () => app.HasExited || (app.Stdout.Contains("Serving 17 of 17 functions.") && app.Stdout.Contains("Entry myns:countdown: new instance")),
            "the app serving, with the call running");
        if (app.HasExited) throw new Xunit.Sdk.XunitException($"the app exited early ({app.ExitCode}):\n{app.Stdout}\n{app.Stderr}");
        Assert.DoesNotContain("\n0\n", app.Stdout); // the call has not answered yet

        var sent = Stopwatch.GetTimestamp();
        Signals.Send(app.Id, Signals.SIGTERM);
        var exited = await app.ExitedWithin(TimeSpan.FromSeconds(60) + Margin);
        output.WriteLine($"SIGTERM: {(exited ? $"exit code {app.ExitCode}" : "still running")} after {Stopwatch.GetElapsedTime(sent).TotalMilliseconds:0} ms");
        output.WriteLine("stdout:\n" + app.Stdout);
        output.WriteLine("stderr:\n" + app.Stderr);

        Assert.True(exited, "the app still ran after its shutdown timeout");
        Assert.Equal(0, app.ExitCode);
        Assert.Contains("Wippy stopping: waiting for 1 call(s) in flight to finish", app.Stdout);
        Assert.Matches(@"Wippy stopped: every call finished \(\d+ ms\)", app.Stdout);
        Assert.Contains("\n0\n", app.Stdout); // the call's answer: what was left to count
        Assert.Equal("", app.Stderr);
        Assert.Contains("\nStopping.\n", app.Stdout); // (the console logger writes from a thread of its own: its lines may come after)
    }
}
