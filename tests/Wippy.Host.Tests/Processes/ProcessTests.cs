using System.Text.Json;
using Wippy.Host.Processes;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Processes;

/// <summary>
/// Long-lived processes over tests/guests/components/actor (registry namespace <c>processes</c>): spawned through the
/// generated typed methods and by JSON, talking to C# mailboxes and to each other through wippy:actor/process.
/// </summary>
[Collection(EndToEnd.NotInParallel.Name)]
public sealed class ProcessTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
    private readonly ProcessesFunctions _processes;

    public ProcessTests() => _processes = new ProcessesFunctions(_runtime);

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public async Task A_counter_counts_what_it_is_sent_and_answers_its_sender()
    {
        using var me = _runtime.Processes.OpenMailbox();
        var counter = _processes.SpawnCounter();
        Assert.Matches(@"^\{local@local\|0x[0-9a-f]{5,}\}$", counter.Pid);
        for (var i = 0; i < 5; i++) me.Send(counter.Pid, "increment", ProcessPayload.Text("1"));
        me.Send(counter.Pid, "increment", ProcessPayload.Json("10"));
        me.Send(counter.Pid, "total");
        var reply = await me.ReceiveAsync(Wait);
        Assert.Equal("total", reply.Topic);
        Assert.Equal(counter.Pid, reply.From);
        Assert.Equal("15", Assert.Single(reply.Payloads).AsText());
        Assert.Equal(PayloadFormat.Text, reply.Payloads[0].Format);

        me.Send(counter.Pid, "stop");
        var result = await counter.Result.WaitAsync(Wait);
        Assert.True(result.IsOk);
        var exit = await counter.Exit;
        Assert.True(exit.Returned);
        Assert.False(_runtime.Processes.IsAlive(counter.Pid));
    }

    [Fact]
    public async Task A_process_spawned_from_JSON_exits_with_its_value_as_JSON()
    {
        var greet = _runtime.Processes.SpawnJson("processes:greet", """["World"]""");
        var exit = await greet.Exit.WaitAsync(Wait);
        Assert.Null(exit.Error);
        Assert.Equal("Hello, World!", Assert.IsType<JsonElement>(exit.Value).GetString());
        Assert.Equal("processes:greet", exit.EntryId);
        Assert.Equal(greet.Pid, exit.Pid);

        Assert.Equal("Hello, Ann!", await _processes.SpawnGreet("Ann").Result.WaitAsync(Wait));
        var whoami = _processes.SpawnWhoami();
        Assert.Equal(whoami.Pid, await whoami.Result.WaitAsync(Wait));
    }

    [Fact]
    public async Task A_method_without_a_result_exits_with_no_value()
    {
        var json = await _runtime.Processes.SpawnJson("processes:print", """["out", "err"]""").Exit.WaitAsync(Wait);
        Assert.True(json.Returned);
        Assert.Equal(JsonValueKind.Null, Assert.IsType<JsonElement>(json.Value).ValueKind); // the JSON binder's "null"
        var typed = await _processes.SpawnPrint("out", "err").Exit.WaitAsync(Wait);
        Assert.Equal((true, null), (typed.Returned, typed.Value));
    }

    [Fact]
    public async Task The_seam_IProcessHost_spawns_sends_and_terminates_asynchronously()
    {
        IProcessHost host = _runtime.Processes;
        var receiver = await host.SpawnJsonAsync("processes:receive_one", "[]", null, CancellationToken.None);
        Assert.True(await host.IsAliveAsync(receiver.Pid, CancellationToken.None));
        Assert.Equal(SendOutcome.Accepted, await host.SendAsync(receiver.Pid, "hello", [ProcessPayload.Text("x")], CancellationToken.None));
        var exit = await receiver.Exit.WaitAsync(Wait);
        Assert.StartsWith("hello:{local@wippy:client|", Assert.IsType<JsonElement>(exit.Value).GetProperty("ok").GetString());

        var spin = await host.SpawnJsonAsync("processes:spin_forever", "[]", null, CancellationToken.None);
        Assert.True(await host.TerminateAsync(spin.Pid, CancellationToken.None));
        Assert.Equal(ErrorKind.Timeout, (await spin.Exit.WaitAsync(Wait)).Error?.Kind);
        Assert.False(await host.IsAliveAsync(spin.Pid, CancellationToken.None));
    }

    [Fact]
    public void Bad_spawns_fail_before_anything_runs()
    {
        var notFound = Assert.Throws<WippyException>(() => _runtime.Processes.SpawnJson("processes:nope"));
        Assert.Equal(ErrorKind.NotFound, notFound.Kind);
        var function = Assert.Throws<WippyException>(() => _runtime.Processes.SpawnJson("processes:greet_function", """["x"]"""));
        Assert.Equal(ErrorKind.Invalid, function.Kind);
        Assert.Contains("only process.wasm entries are spawned", function.Message);
        var notArray = Assert.Throws<WippyException>(() => _runtime.Processes.SpawnJson("processes:greet", """{"name":"x"}"""));
        Assert.Equal(ErrorKind.Invalid, notArray.Kind);
        Assert.Contains("JSON array", notArray.Message);
        Assert.Throws<ArgumentException>(() => _runtime.Processes.OpenMailbox(new MailboxLimits(Capacity: 0)));
        Assert.Equal(0, _runtime.Processes.Count);
    }

    [Fact]
    public async Task Wrong_arguments_end_the_process_with_Invalid()
    {
        var exit = await _runtime.Processes.SpawnJson("processes:greet", "[1, 2]").Exit.WaitAsync(Wait);
        Assert.Equal(ErrorKind.Invalid, exit.Error?.Kind);
        Assert.Contains(exit.Pid, exit.Error!.Message);
    }

    [Fact]
    public void A_process_entry_is_spawned_not_called()
    {
        var error = Assert.Throws<WippyException>(() => _runtime.GetWasmFunction("processes:greet").CallJson([JsonDocument.Parse("\"x\"").RootElement], new Utf8JsonWriter(Stream.Null)));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains("spawned, not called", error.Message);
    }

    [Fact]
    public async Task A_function_importing_the_mailbox_is_called_and_has_no_mailbox()
    {
        Assert.Equal("Hello, Bo!", _processes.GreetFunction("Bo"));
        var whoami = await _processes.SpawnUngranted().Exit.WaitAsync(Wait);
        Assert.Equal(ErrorKind.PermissionDenied, whoami.Error?.Kind);
        Assert.Contains("add '- wippy:actor' to its imports:", whoami.Error!.Message);
    }

    [Fact]
    public async Task Two_processes_ping_pong()
    {
        var echo = _processes.SpawnEcho();
        var ping = _processes.SpawnPing(echo.Pid, 200);
        var rounds = await ping.Result.WaitAsync(Wait);
        Assert.True(rounds.IsOk, rounds.ToString());
        Assert.Equal(200u, rounds.Value);
        _runtime.Processes.Send(echo.Pid, "stop");
        Assert.True((await echo.Result.WaitAsync(Wait)).IsOk);
    }

    [Fact]
    public async Task Messages_arrive_in_order_with_their_payloads_and_sender()
    {
        using var me = _runtime.Processes.OpenMailbox();
        var collect = _processes.SpawnCollect(3);
        me.Send(collect.Pid, "a", ProcessPayload.Text("1"));
        me.Send(collect.Pid, "b", ProcessPayload.Bytes([(byte)'z']), ProcessPayload.Text("ignored"));
        me.Send(collect.Pid, "c");
        var topics = await collect.Result.WaitAsync(Wait);
        Assert.Equal(["a=1", "b=z", "c"], topics.Value);

        var receive = _processes.SpawnReceiveOne();
        me.Send(receive.Pid, "hi");
        Assert.Equal("hi:" + me.Pid, (await receive.Result.WaitAsync(Wait)).Value);
    }

    [Fact]
    public async Task Try_receive_and_subscribe_look_without_waiting_and_wait_on_a_pollable()
    {
        var empty = await _processes.SpawnTryReceiveOne().Result.WaitAsync(Wait);
        Assert.True(empty.IsOk);
        Assert.Null(empty.Value);

        using var me = _runtime.Processes.OpenMailbox();
        var waiting = _processes.SpawnWaitThenTake();
        await Eventually.TrueAsync(() => _runtime.CallsInFlight > 0, "the guest to be blocked on its pollable");
        me.Send(waiting.Pid, "woken");
        Assert.Equal("woken", (await waiting.Result.WaitAsync(Wait)).Value);
    }

    [Theory]
    [InlineData("not-a-pid", "t", "text", "x", "invalid-target")]
    [InlineData("{local@local|0xfffff}", "t", "text", "x", "process not found")]
    [InlineData("SELF", "@exit", "text", "x", "invalid-message")]
    [InlineData("SELF", "", "text", "x", "invalid-message")]
    [InlineData("SELF", "t", "xml", "x", "unsupported-payload")]
    [InlineData("SELF", "t", "json", "{nope", "invalid-message")]
    [InlineData("SELF", "t", "text", "\xff", "invalid-message")]
    public async Task A_guest_send_that_cannot_be_delivered_returns_the_reference_error_string(string target, string topic, string format, string data, string expected)
    {
        using var me = _runtime.Processes.OpenMailbox();
        var bytes = data == "\xff" ? new byte[] { 0xff } : System.Text.Encoding.UTF8.GetBytes(data);
        var result = await _processes.SpawnSendRaw(target == "SELF" ? me.Pid : target, topic, format, bytes).Result.WaitAsync(Wait);
        Assert.True(result.IsErr, result.ToString());
        Assert.Equal(expected, result.Error);
        Assert.Equal(0, me.Count);
    }

    [Fact]
    public async Task A_guest_send_reaches_a_CSharp_mailbox_with_its_format()
    {
        using var me = _runtime.Processes.OpenMailbox();
        var send = _processes.SpawnSendRaw(me.Pid, "data", "json", "{\"a\":1}"u8.ToArray());
        Assert.True((await send.Result.WaitAsync(Wait)).Value);
        var message = await me.ReceiveAsync(Wait);
        Assert.Equal(send.Pid, message.From);
        Assert.Equal(PayloadFormat.Json, message.Payloads[0].Format);
        Assert.Equal("{\"a\":1}", message.Payloads[0].AsText());
    }

    [Fact]
    public async Task A_full_mailbox_refuses_with_overloaded_and_keeps_what_it_holds()
    {
        using var me = _runtime.Processes.OpenMailbox(new MailboxLimits(Capacity: 3, Bytes: 64 * 1024, MessageBytes: 4096));
        var sender = _processes.SpawnSendMany(me.Pid, 10, 16);
        var sent = await sender.Result.WaitAsync(Wait);
        Assert.True(sent.IsErr);
        Assert.Equal("overloaded", sent.Error);
        Assert.Equal(3, me.Count);

        // A message past message_bytes is too large, whatever room is left.
        me.TryReceive(out _);
        var big = _processes.SpawnSendMany(me.Pid, 1, 5000);
        Assert.Equal("too-large", (await big.Result.WaitAsync(Wait)).Error);

        // Bytes count too: 64 KiB holds fewer than three 30 KB messages of the C# side.
        using var small = _runtime.Processes.OpenMailbox(new MailboxLimits(Capacity: 100, Bytes: 64 * 1024, MessageBytes: 32 * 1024));
        var payload = ProcessPayload.Bytes(new byte[30_000]);
        Assert.Equal(SendOutcome.Accepted, me.TrySend(small.Pid, "x", payload));
        Assert.Equal(SendOutcome.Accepted, me.TrySend(small.Pid, "x", payload));
        Assert.Equal(SendOutcome.Overloaded, me.TrySend(small.Pid, "x", payload));
        Assert.Equal(2, small.Count);
        var error = Assert.Throws<WippyException>(() => me.Send(small.Pid, "x", payload));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains("overloaded", error.Message);
    }

    [Fact]
    public void An_entrys_mailbox_limits_come_from_its_meta_options()
    {
        var busy = _processes.SpawnSpinSmallMailbox();
        Assert.Equal(SendOutcome.Accepted, _runtime.Processes.TrySend(busy.Pid, "a"));
        Assert.Equal(SendOutcome.Accepted, _runtime.Processes.TrySend(busy.Pid, "b"));
        Assert.Equal(SendOutcome.Overloaded, _runtime.Processes.TrySend(busy.Pid, "c")); // capacity: 2
        Assert.True(_runtime.Processes.Terminate(busy.Pid));
        var big = _processes.SpawnSpinSmallMailbox();
        Assert.Equal(SendOutcome.TooLarge, _runtime.Processes.TrySend(big.Pid, "big", ProcessPayload.Bytes(new byte[1000]))); // message_bytes: 1024
        Assert.True(_runtime.Processes.Terminate(big.Pid));
    }

    [Fact]
    public async Task A_receive_with_a_timeout_fails_with_Timeout_and_a_limit_ends_a_waiting_guest()
    {
        using var me = _runtime.Processes.OpenMailbox();
        var error = await Assert.ThrowsAsync<WippyException>(async () => await me.ReceiveAsync(TimeSpan.FromMilliseconds(50)));
        Assert.Equal(ErrorKind.Timeout, error.Kind);

        var limited = await _processes.SpawnReceiveLimited().Exit.WaitAsync(Wait);
        Assert.Equal(ErrorKind.Timeout, limited.Error?.Kind);
        var spin = await _processes.SpawnSpin().Exit.WaitAsync(Wait);
        Assert.Equal(ErrorKind.Timeout, spin.Error?.Kind);
    }

    [Fact]
    public async Task Stop_closes_the_mailbox_so_a_receiving_guest_returns_and_a_busy_one_is_ended_after_its_grace()
    {
        var counter = _processes.SpawnCounter();
        await Eventually.TrueAsync(() => _runtime.CallsInFlight > 0, "the counter to run");
        Assert.True(await _runtime.Processes.StopAsync(counter.Pid, Wait));
        var exit = await counter.Exit;
        Assert.Null(exit.Error); // it saw "closed" in receive and returned
        Assert.True((await counter.Result).IsOk);

        var spin = _processes.SpawnSpinForever();
        Assert.True(await _runtime.Processes.StopAsync(spin.Pid, TimeSpan.FromMilliseconds(100)));
        var ended = await spin.Exit;
        Assert.Equal(ErrorKind.Timeout, ended.Error?.Kind);
        Assert.Contains("grace period", ended.Error!.Message);
        Assert.False(await _runtime.Processes.StopAsync(spin.Pid));

        var waiting = _processes.SpawnReceiveOne();
        Assert.True(_runtime.Processes.Terminate(waiting.Pid));
        Assert.Equal(ErrorKind.Timeout, (await waiting.Exit.WaitAsync(Wait)).Error?.Kind);
        Assert.False(_runtime.Processes.Terminate(waiting.Pid));
    }

    [Fact]
    public async Task A_trapping_process_ends_with_Trap_and_the_others_keep_running()
    {
        using var me = _runtime.Processes.OpenMailbox();
        var counter = _processes.SpawnCounter();
        var crash = _processes.SpawnCrash(new SpawnOptions { MonitoredBy = me.Pid });
        me.Send(crash.Pid, "boom");
        var exit = await crash.Exit.WaitAsync(Wait);
        Assert.Equal(ErrorKind.Trap, exit.Error?.Kind);
        Assert.Contains(crash.Pid, exit.Error!.Message);
        var seen = await me.ReceiveEventAsync(Wait);
        Assert.Equal(ProcessEventKind.Exit, seen.Kind);
        Assert.Equal(crash.Pid, seen.From);
        Assert.Equal(ErrorKind.Trap, seen.Exit.Error?.Kind);

        me.Send(counter.Pid, "increment", ProcessPayload.Text("2"));
        me.Send(counter.Pid, "total");
        Assert.Equal("2", (await me.ReceiveAsync(Wait)).Payloads[0].AsText());
    }

    [Fact]
    public async Task Monitors_see_every_exit_even_one_that_already_happened()
    {
        using var me = _runtime.Processes.OpenMailbox();
        var greet = _processes.SpawnGreet("x");
        await greet.Exit.WaitAsync(Wait);
        me.Monitor(greet.Pid); // already ended: its remembered exit comes at once
        var late = await me.ReceiveEventAsync(Wait);
        Assert.Equal(greet.Pid, late.From);
        Assert.Null(late.Exit.Error);

        me.Monitor("{local@local|0xabcdef}");
        Assert.Equal(ErrorKind.NotFound, (await me.ReceiveEventAsync(Wait)).Exit.Error?.Kind);

        var counter = _processes.SpawnCounter();
        me.Monitor(counter.Pid);
        me.Send(counter.Pid, "stop");
        var stopped = await me.ReceiveEventAsync(Wait);
        Assert.Equal((ProcessEventKind.Exit, counter.Pid), (stopped.Kind, stopped.From));
        Assert.False(me.TryReceiveEvent(out _));
    }

    [Fact]
    public async Task The_runtime_exit_feed_gets_the_exits_of_monitored_spawns()
    {
        using var cancel = new CancellationTokenSource(Wait);
        var exits = _runtime.Processes.Exits(cancel.Token).GetAsyncEnumerator(cancel.Token);
        var next = exits.MoveNextAsync(); // enumeration starts: from now on
        _processes.SpawnGreet("unwatched");
        var watched = _processes.SpawnGreet("watched", new SpawnOptions { Monitor = true });
        Assert.True(await next);
        Assert.Equal(watched.Pid, exits.Current.Pid);
        Assert.Equal("Hello, watched!", Assert.IsType<string>(exits.Current.Value));
        await exits.DisposeAsync();
    }

    [Fact]
    public async Task A_failure_travels_along_links()
    {
        using var me = _runtime.Processes.OpenMailbox();
        var crash = _processes.SpawnCrash();
        Assert.True(me.Link(crash.Pid));
        var partner = _processes.SpawnCounter(new SpawnOptions { LinkedTo = crash.Pid });
        var normal = _processes.SpawnCounter(new SpawnOptions { LinkedTo = me.Pid });
        me.Send(crash.Pid, "boom");

        var down = await me.ReceiveEventAsync(Wait);
        Assert.Equal((ProcessEventKind.LinkDown, crash.Pid), (down.Kind, down.From));
        var partnerExit = await partner.Exit.WaitAsync(Wait);
        Assert.Equal(ErrorKind.Unavailable, partnerExit.Error?.Kind);
        Assert.Contains($"linked process {crash.Pid} failed", partnerExit.Error!.Message);

        // A normal exit does not break a link.
        me.Send(normal.Pid, "stop");
        Assert.Null((await normal.Exit.WaitAsync(Wait)).Error);
        Assert.False(me.TryReceiveEvent(out _));

        // Unlinked, a failure is no longer told.
        var again = _processes.SpawnCrash();
        Assert.True(me.Link(again.Pid));
        me.Unlink(again.Pid);
        me.Send(again.Pid, "boom");
        Assert.Equal(ErrorKind.Trap, (await again.Exit.WaitAsync(Wait)).Error?.Kind);
        Assert.False(me.TryReceiveEvent(out _));
    }

    [Fact]
    public async Task A_spawn_past_the_live_instance_cap_ends_with_Unavailable_and_the_others_go_on()
    {
        // Room for two more stores than the registry's warm-start instances.
        var (runtime, warm) = await WarmStores.RuntimeWithRoomForAsync(2);
        using var _ = runtime;
        var processes = new ProcessesFunctions(runtime);
        var first = processes.SpawnCounter();
        var second = processes.SpawnCounter();
        await Eventually.TrueAsync(() => runtime.CallsInFlight == 2 || first.Exit.IsCompleted || second.Exit.IsCompleted, "two counters to run");
        if (first.Exit.IsCompleted) Assert.Fail((await first.Exit).ToString());
        if (second.Exit.IsCompleted) Assert.Fail((await second.Exit).ToString());
        var third = await processes.SpawnCounter().Exit.WaitAsync(Wait);
        Assert.Equal(ErrorKind.Unavailable, third.Error?.Kind);
        Assert.Contains($"{warm + 2} instances are alive at once", third.Error!.Message);

        using var me = runtime.Processes.OpenMailbox();
        me.Send(first.Pid, "total");
        Assert.Equal("0", (await me.ReceiveAsync(Wait)).Payloads[0].AsText());
        me.Send(second.Pid, "stop");
        await second.Exit.WaitAsync(Wait);
        Assert.Null((await processes.SpawnGreet("again").Exit.WaitAsync(Wait)).Error); // room again
    }

    [Fact]
    public async Task Disposing_the_runtime_stops_every_process_and_waits_for_them()
    {
        var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
        var processes = new ProcessesFunctions(runtime);
        var counters = Enumerable.Range(0, 5).Select(_ => processes.SpawnCounter()).ToList();
        var spin = processes.SpawnSpinForever();
        await Eventually.TrueAsync(() => runtime.CallsInFlight == 6, "the six processes to run");
        var started = System.Diagnostics.Stopwatch.StartNew();
        runtime.Dispose();
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20), $"dispose took {started.Elapsed}");
        foreach (var counter in counters)
        {
            Assert.True(counter.Exit.IsCompleted);
            Assert.Null((await counter.Exit).Error); // "closed" in receive: it returned
        }
        Assert.True(spin.Exit.IsCompleted);
        Assert.Equal(ErrorKind.Unavailable, (await spin.Exit).Error?.Kind);
        Assert.Equal(0, runtime.Processes.Count);
        var refused = Assert.Throws<WippyException>(() => processes.SpawnCounter());
        Assert.Equal(ErrorKind.Unavailable, refused.Kind);
    }
}
