using System.Diagnostics;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// A guest must not hold the host: disposing the runtime stops the calls still running (the epoch ticker goes on until
/// the last store is gone); a start function that loops fails its start-up with Timeout under a limit, and warm start
/// runs in the background, so a looping warm-start entry delays neither the runtime nor the other entries.
/// </summary>
public sealed class ShutdownAndStartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Disposing_the_runtime_stops_a_running_call_with_Unavailable()
    {
        var runtime = Descriptors.Runtime(WippyRegistry.CreateManifest());
        var guests = new ReliabilityFunctions(runtime);
        var handle = runtime.GetFunction("reliability:spin_long");
        var call = Task.Run(() => guests.SpinLong()); // a 60 s limit: only the shutdown can end it soon
        await Eventually.TrueAsync(() => handle.Busy == 1, "the call running");
        var started = Stopwatch.GetTimestamp();
        runtime.Dispose();
        var error = await Assert.ThrowsAsync<WippyException>(() => call);
        var elapsed = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"the running call ended {elapsed.TotalMilliseconds:0} ms after Dispose began");
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("reliability:spin_long", error.EntryId);
        Assert.Contains("the runtime stopped while the call ran", error.Message);
        Assert.InRange(elapsed.TotalSeconds, 0, 5); // one epoch tick (10 ms) in fact; generous for a loaded machine
        Assert.Equal(0, handle.Busy);
        Assert.Equal(ErrorKind.Unavailable, Assert.Throws<WippyException>(() => guests.SpinLong()).Kind); // and no new call runs
    }

    [Fact]
    public async Task Disposing_the_runtime_stops_a_running_Lua_call_with_Unavailable()
    {
        // luatest:spin_lua loops for ever and has no limit: before the fix only WebAssembly calls were stopped, and this
        // call ran on after the runtime was disposed (a host's shutdown left it running on its thread).
        var runtime = Descriptors.Runtime(WippyRegistry.CreateManifest());
        var handle = runtime.GetLuaFunction("luatest:spin_lua");
        var call = Task.Factory.StartNew(() => Lua.LuaCalls.Call(runtime, "luatest:spin_lua"), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Eventually.TrueAsync(() => handle.Busy == 1, "the Lua call running");
        var started = Stopwatch.GetTimestamp();
        runtime.Dispose();
        var error = await Assert.ThrowsAsync<WippyException>(() => call.WaitAsync(Eventually.Deadline));
        output.WriteLine($"the running Lua call ended {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms after Dispose began");
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("luatest:spin_lua", error.EntryId);
        Assert.Equal("the runtime stopped while the call ran", error.Detail);
        Assert.Equal(0, handle.Busy);
    }

    [Fact]
    public async Task A_call_under_a_time_limit_ends_when_the_runtime_is_disposed_under_it()
    {
        // Before the fix the ticker stopped at Dispose, so a call with a 200 ms limit then ran on for ever. The call may
        // reach its limit before the poll sees it running (a loaded machine): either way it must end, with either error.
        var runtime = Descriptors.Runtime(Descriptors.Manifest("reliability", "reliability:spin_long",
            d => Descriptors.With(d, limits: d.Limits with { MaxExecutionMs = 200 })));
        var guests = new ReliabilityFunctions(runtime);
        var call = Task.Run(() => guests.SpinLong());
        await Eventually.TrueAsync(() => runtime.GetFunction("reliability:spin_long").Busy == 1 || call.IsCompleted, "the call running or ended");
        runtime.Dispose();
        var error = await Assert.ThrowsAsync<WippyException>(() => call.WaitAsync(Eventually.Deadline));
        Assert.Contains(error.Kind, new[] { ErrorKind.Unavailable, ErrorKind.Timeout });
    }

    [Fact]
    public void A_start_function_that_loops_fails_the_call_with_Timeout_at_the_entry_s_limit()
    {
        using var runtime = Descriptors.Runtime(WippyRegistry.CreateManifest());
        var guests = new ReliabilityFunctions(runtime);
        Assert.True(runtime.GetFunction("reliability:start_loops_limited").IsLoaded);
        var started = Stopwatch.GetTimestamp();
        var error = Assert.Throws<WippyException>(() => guests.StartLoopsLimited());
        var elapsed = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"the looping start function was stopped after {elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal("reliability:start_loops_limited", error.EntryId);
        Assert.Contains("start-up (start function, _initialize) ran longer than its limit of 200 ms", error.Message);
        Assert.InRange(elapsed.TotalMilliseconds, 200, 5000);
        Assert.Equal(1, guests.TableGrow(1)); // the host serves on
    }

    [Fact]
    public void A_start_function_that_exits_fails_the_call_with_a_Trap_carrying_the_status()
    {
        using var runtime = Descriptors.Runtime(WippyRegistry.CreateManifest());
        var guests = new ReliabilityFunctions(runtime);
        var error = Assert.Throws<WippyException>(() => guests.StartExits());
        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Equal("reliability:start_exits", error.EntryId);
        Assert.Equal(3, error.ExitCode);
        Assert.Contains("exited with status 3", error.Message);
        Assert.DoesNotContain("backtrace", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, Assert.Throws<WippyException>(() => guests.StartExits()).ExitCode); // every start-up exits again
        Assert.Equal(1, guests.TableGrow(1)); // the host serves on
    }

    [Fact]
    public async Task A_warm_start_entry_whose_start_function_loops_delays_neither_the_runtime_nor_other_entries_and_stops_with_it()
    {
        var started = Stopwatch.GetTimestamp();
        var runtime = Descriptors.Runtime(Descriptors.Manifest("reliability", "reliability:start_loops",
            d => Descriptors.With(d, pool: d.Pool with { WarmStart = true })));
        output.WriteLine($"the runtime was made in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms");
        var guests = new ReliabilityFunctions(runtime);
        Assert.Equal(1, guests.TableGrow(1)); // served while the other entry's start-up loops
        Assert.False(runtime.WarmStart.IsCompleted); // still looping: it has no limit
        var stopping = Stopwatch.GetTimestamp();
        runtime.Dispose();
        await runtime.WarmStart.WaitAsync(TimeSpan.FromSeconds(10)); // the dispose stopped the start function
        output.WriteLine($"the warm start ended {Stopwatch.GetElapsedTime(stopping).TotalMilliseconds:0} ms after Dispose began");
    }

    [Fact]
    public async Task Warm_start_completes_for_entries_that_start()
    {
        using var runtime = Descriptors.Runtime(Descriptors.Manifest("reliability", "reliability:table_grow",
            d => Descriptors.With(d, pool: new Registry.PoolSettings(Registry.PoolType.Static, 0, 2, 4, 0, true))));
        await runtime.WarmStart.WaitAsync(Eventually.Deadline);
        Assert.Equal(2, runtime.GetFunction("reliability:table_grow").Idle);
    }
}
