using System.Text.Json;
using Wippy.Host.Tests.Lua;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Processes;

/// <summary>
/// Lua's <c>process</c>, <c>channel</c> and <c>time</c> modules (registry/processes/lua_processes.lua) against the
/// actor test guest: spawn, send, receive with a timeout, events, links, payload conversions, errors.
/// </summary>
[Collection(EndToEnd.NotInParallel.Name)]
public sealed class ProcessLuaTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });

    public void Dispose() => _runtime.Dispose();

    private JsonElement Call(string method, params string[] args) => LuaCalls.Call(_runtime, "processes:lua_" + method, args);

    [Fact]
    public void Lua_spawns_a_counter_sends_it_increments_asks_the_total_and_stops_it()
    {
        var r = Call("counter", "5");
        Assert.Equal("5", r.GetProperty("total").GetString());
        Assert.Equal("total", r.GetProperty("topic").GetString());
        Assert.True(r.GetProperty("from_is_counter").GetBoolean());
        Assert.True(r.GetProperty("cancelled").GetBoolean());
        Assert.Equal("pid.exit", r.GetProperty("event_kind").GetString());
        Assert.Equal(r.GetProperty("pid").GetString(), r.GetProperty("event_from").GetString());
        Assert.False(r.TryGetProperty("exit_error", out _)); // the counter saw "closed" and returned
        Assert.Matches(@"^\{local@app\|0x[0-9a-f]{5,}\}$", r.GetProperty("pid").GetString());
        Assert.Equal(0, _runtime.Processes.Count);
    }

    [Fact]
    public void A_select_over_the_inbox_and_a_timer_times_out()
    {
        Assert.Equal("timed out", Call("receive_timeout").GetString());
    }

    [Fact]
    public void Mistakes_are_nil_err_with_the_runtimes_kinds()
    {
        var r = Call("errors");
        Assert.Equal("Invalid send to not-a-pid failed: invalid-target", r.GetProperty("bad_target").GetString());
        Assert.Equal("NotFound", r.GetProperty("no_entry").GetString());
        Assert.Equal("Invalid", r.GetProperty("bad_topic").GetString());
        Assert.Equal("NotFound", r.GetProperty("gone").GetString());
    }

    [Fact]
    public void A_trap_reaches_a_monitor_as_an_exit_event_and_a_link_as_link_down()
    {
        var trap = Call("trap_event");
        Assert.Equal("pid.exit", trap.GetProperty("kind").GetString());
        Assert.True(trap.GetProperty("from_is_crash").GetBoolean());
        Assert.Equal("Trap", trap.GetProperty("error_kind").GetString());

        var link = Call("link_down");
        Assert.True(link.GetProperty("is_link_down").GetBoolean());
        Assert.Equal("Trap", link.GetProperty("error_kind").GetString());
    }

    [Fact]
    public void An_unlinked_failure_is_not_told_as_link_down()
    {
        var r = Call("unlink");
        Assert.Equal(("pid.exit", "none"), (r.GetProperty("first").GetString(), r.GetProperty("more").GetString()));
    }

    [Fact]
    public void A_string_crosses_as_bytes_and_numbers_and_tables_as_json()
    {
        var p = Call("payloads");
        Assert.Equal("bytes", p[0].GetString());
        Assert.Equal("text", p[1].GetString());
        Assert.Equal("json", p[2].GetString());
        Assert.Equal(42, p[3].GetInt32());
        Assert.Equal("json", p[4].GetString());
        Assert.Equal(1, p[5].GetProperty("a").GetInt32());
        Assert.Equal(2, p[5].GetProperty("list")[1].GetInt32());
    }

    [Fact]
    public void Spawn_arguments_reach_the_method_and_the_exit_value_comes_back()
    {
        Assert.Equal("Hello, Lua!", Call("greet", "\"Lua\"").GetString());
    }

    [Fact]
    public void A_calls_pid_lives_as_long_as_the_call()
    {
        var pid = Call("pid").GetString()!;
        Assert.Matches(@"^\{local@local\|0x[0-9a-f]{5,}\}$", pid);
        Assert.False(_runtime.Processes.IsAlive(pid));
        Assert.NotEqual(pid, Call("pid").GetString());
        Assert.True(Call("global_pid").GetBoolean());
    }

    [Fact]
    public void A_receive_is_ended_by_the_calls_limit()
    {
        var error = Assert.Throws<WippyException>(() => Call("wait_forever"));
        Assert.Equal(ErrorKind.Timeout, error.Kind);
    }

    [Fact]
    public async Task A_receive_without_a_limit_is_ended_when_the_runtime_stops_processes()
    {
        var call = Task.Factory.StartNew(() => Call("wait_unlimited"), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        await Eventually.TrueAsync(() => _runtime.CallsInFlight == 1, "the Lua call to wait in receive");
        await _runtime.Processes.StopAllAsync(CancellationToken.None).WaitAsync(Eventually.Deadline);
        var error = await Assert.ThrowsAsync<WippyException>(() => call.WaitAsync(Eventually.Deadline));
        Assert.Equal(ErrorKind.Unavailable, error.Kind); // its mailbox closed (or, had it not opened it yet, it could not)
    }

    [Fact]
    public void The_module_must_be_listed()
    {
        var error = Assert.Throws<WippyException>(() => LuaCalls.Call(_runtime, "processes:lua_without_module", []));
        Assert.Contains("module 'process' is not in the modules:", error.Message);
    }
}
