using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Wasmtime.Components;
using Wippy.Benchmarks.Bench;
using Wippy.Host;
using Wippy.Host.Processes;

namespace Wippy.Benchmarks;

/// <summary>
/// Long-lived processes (docs/processes.md) over the actor guest of the host tests (tests/guests/components/actor/actor.wasm:
/// freestanding C over <c>wippy:actor/process@0.1.0</c>), in three categories, each with its own floor (the <c>Baseline</c>):
/// the same guest doing the same work through Wasmtime.Dotnet's managed component API, where the host functions of
/// <c>wippy:actor/process</c> are C# callbacks (<c>ComponentLinkerInstance.DefineFunction</c>) that hand over a ready
/// message at once, so the guest never waits and nothing is scheduled: every call is synchronous, on one thread.
/// <list type="bullet">
/// <item><c>spawn</c>: <c>SpawnAndFirstRoundTrip</c> spawns <c>bench:echo</c> through the generated <c>SpawnEcho</c>,
/// sends one message ("ping", one text payload "x") from a C# mailbox, awaits the reply (<c>ReceiveAsync</c>), sends
/// "stop" and awaits <c>Exit</c>. Floor: a fresh <c>Store</c>, <c>ComponentLinker.Instantiate</c> of the same component,
/// one call of its <c>echo</c> export whose <c>receive</c> returns that message and then "stop" (the reply is taken by
/// the <c>send</c> callback), <c>Store.Dispose</c>. Diagnostics: <c>bench:greet</c> spawned and awaited (a process
/// that never waits), the same component's <c>greet</c> as a function on a fresh instance (<c>bench:greet_inline</c>),
/// that call started on the thread pool, and a bare hop to the thread pool and back.</item>
/// <item><c>csharp-round-trip</c> (per message, <see cref="Messages"/> per invoke): <c>RoundTrip_CSharpToProcess</c> sends
/// one message from a C# mailbox to a warm <c>bench:echo</c> process and awaits its reply. Floor: one call of <c>echo</c>
/// on an instance kept for the run, whose <c>receive</c> returns the message <see cref="Messages"/> times, then "stop".</item>
/// <item><c>ping-pong</c> (per round trip, <see cref="Rounds"/> per invoke): <c>PingPong_ProcessToProcess</c> spawns
/// <c>bench:ping</c> with (warm echo's PID, <see cref="Rounds"/>) and awaits its result (the spawn of the ping process is
/// in the figure, divided by the rounds). Floor: two instances in two stores, <c>ping(…, Rounds)</c> on one; its
/// <c>send</c> callback calls <c>echo</c> on the other (whose <c>receive</c> returns the ping and then "stop"), its
/// <c>receive</c> callback returns echo's reply.</item>
/// </list>
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ProcessBenchmarks
{
    /// <summary>Round trips per invoke of the C# ↔ process rows.</summary>
    public const int Messages = 1000;

    /// <summary>Rounds of one ping process (per invoke of the ping-pong rows).</summary>
    public const int Rounds = 10_000;

    private const string Topic = "ping";
    private static readonly TimeSpan CheckWait = TimeSpan.FromSeconds(30);

    private WippyRuntime _runtime = null!;
    private BenchFunctions _bench = null!;
    private ProcessMailbox _spawner = null!;
    private ProcessMailbox _me = null!;
    private ProcessHandle<Result<Unit, string>> _warmEcho = null!;
    private readonly ProcessPayload[] _payload = [ProcessPayload.Text("x")];

    // The floor: Wasmtime.Dotnet's component API (default engine configuration, as every floor).
    private Wasmtime.Engine _engine = null!;
    private Component _actor = null!;
    private ComponentLinker _echoLinker = null!;
    private ComponentLinker _pingLinker = null!;
    private Wasmtime.Store _echoStore = null!;
    private Wasmtime.Store _pingStore = null!;
    private ComponentFunction _warmFloorEcho = null!;
    private ComponentFunction _floorPing = null!;
    private ComponentValue[] _pingArguments = null!;
    private ComponentValue _message = null!;
    private ComponentValue _reply = null!;
    private ComponentValue _stop = null!;
    private ComponentValue _sent = null!;

    // What the floor's callbacks see: how many copies of the message echo's receive still hands out before "stop",
    // what echo sent last, how many sends it made.
    private int _floorPending;
    private string? _floorRepliedTopic;
    private int _floorReplies;

    [GlobalSetup]
    public void Setup()
    {
        _runtime = BenchRegistry.CreateRuntime();
        _bench = new BenchFunctions(_runtime);
        _spawner = _runtime.Processes.OpenMailbox();
        _me = _runtime.Processes.OpenMailbox();
        _warmEcho = _bench.SpawnEcho();

        // The floor's message: what the C# mailbox sends ("ping", one text payload "x"), as receive's result record.
        _message = Message("{local@local|0x00001}", Topic);
        _reply = Message("{local@local|0x00002}", Topic);
        _stop = Message("{local@local|0x00001}", "stop");
        _sent = ComponentValue.Ok(ComponentValue.Bool(true));
        _engine = new Wasmtime.Engine();
        _actor = Component.FromBytes(_engine, BenchRegistry.ReadActorComponent());
        // echo's linker: receive hands out the message while any is pending, then "stop"; send keeps the reply's topic.
        _echoLinker = new ComponentLinker(_engine);
        using (var root = _echoLinker.Root())
        using (var process = root.AddInstance("wippy:actor/process@0.1.0"))
        {
            process.DefineFunction("receive", (_, results) =>
            {
                results[0] = _floorPending-- > 0 ? ComponentValue.Ok(_message) : ComponentValue.Ok(_stop);
            });
            process.DefineFunction("send", (arguments, results) =>
            {
                // What a host does with a message: read the target, topic and payloads out of the guest.
                _ = arguments[0].AsString();
                _floorRepliedTopic = arguments[1].AsString();
                foreach (var payload in arguments[2].AsList())
                {
                    _ = payload.Field("format").AsString();
                    _ = payload.Field("data").AsList();
                }
                _floorReplies++;
                results[0] = _sent;
            });
        }
        // The rest of the interface (self, try-receive, subscribe, wasi:io/poll's pollable) is imported but never called.
        _echoLinker.DefineUnknownImportsAsTraps(_actor);
        _echoStore = new Wasmtime.Store(_engine);
        _warmFloorEcho = _echoLinker.Instantiate(_echoStore, _actor).GetFunction("echo")
            ?? throw new InvalidOperationException("actor.wasm does not export echo");

        // ping's linker: send runs echo (in its own store) over that one message, receive returns echo's reply.
        _pingLinker = new ComponentLinker(_engine);
        using (var root = _pingLinker.Root())
        using (var process = root.AddInstance("wippy:actor/process@0.1.0"))
        {
            process.DefineFunction("send", (arguments, results) =>
            {
                _ = arguments[0].AsString();
                _ = arguments[1].AsString();
                foreach (var payload in arguments[2].AsList())
                {
                    _ = payload.Field("format").AsString();
                    _ = payload.Field("data").AsList();
                }
                _floorPending = 1;
                _floorRepliedTopic = null;
                _warmFloorEcho.Call();
                results[0] = _sent;
            });
            process.DefineFunction("receive", (_, results) =>
            {
                if (_floorRepliedTopic is null) throw new InvalidOperationException("echo sent no reply");
                results[0] = ComponentValue.Ok(_reply);
            });
        }
        _pingLinker.DefineUnknownImportsAsTraps(_actor);
        _pingStore = new Wasmtime.Store(_engine);
        _floorPing = _pingLinker.Instantiate(_pingStore, _actor).GetFunction("ping")
            ?? throw new InvalidOperationException("actor.wasm does not export ping");
        _pingArguments = [ComponentValue.String("{local@local|0x00003}"), ComponentValue.U32(Rounds)];

        // Check every row before anything is measured (twice: the second spawn reuses nothing, the warm echo is reused).
        for (var i = 0; i < 2; i++)
        {
            CheckSpawnAndFirstRoundTrip().GetAwaiter().GetResult();
            CheckRoundTrip().GetAwaiter().GetResult();
            CheckPingPong().GetAwaiter().GetResult();
            CheckFloors();
        }
        if (_runtime.Processes.Count != 1)
        {
            throw new InvalidOperationException($"after the checks {_runtime.Processes.Count} processes run, expected 1 (the warm echo)");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Processes still running besides the warm echo would be a leak of the spawn rows.
        var running = _runtime.Processes.Count;
        if (running != 1) Console.WriteLine($"warning: {running} processes still run at cleanup, expected 1 (the warm echo)");
        _me.Dispose();
        _spawner.Dispose();
        _runtime.Dispose();
        _pingStore.Dispose();
        _echoStore.Dispose();
        _pingLinker.Dispose();
        _echoLinker.Dispose();
        _actor.Dispose();
        _engine.Dispose();
    }

    // ---- spawn: a fresh process, one round trip, stop ----

    /// <summary>The floor: new Store + Instantiate + <c>echo</c> over one message then "stop" + Store.Dispose.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("spawn")]
    public int Spawn_Floor_InstantiateEchoCall()
    {
        using var store = new Wasmtime.Store(_engine);
        var echo = _echoLinker.Instantiate(store, _actor).GetFunction("echo")
            ?? throw new InvalidOperationException("actor.wasm does not export echo");
        _floorPending = 1;
        _floorReplies = 0;
        echo.Call();
        return _floorReplies;
    }

    /// <summary><c>SpawnEcho()</c>, one message from a C# mailbox and its reply, "stop", <c>await Exit</c>.</summary>
    [Benchmark]
    [BenchmarkCategory("spawn")]
    public async Task<ProcessExit> SpawnAndFirstRoundTrip()
    {
        var echo = _bench.SpawnEcho();
        _spawner.Send(echo.Pid, Topic, _payload);
        await _spawner.ReceiveAsync().ConfigureAwait(false);
        _spawner.Send(echo.Pid, "stop");
        return await echo.Exit.ConfigureAwait(false);
    }

    /// <summary>
    /// Diagnostic: <c>SpawnGreet("x")</c> and its result: a process that runs <c>greet</c> (no mailbox use, never waits)
    /// and exits; spawn and exit without messages.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("spawn")]
    public Task<string> Spawn_Diagnostic_SpawnGreet() => _bench.SpawnGreet("x").Result;

    /// <summary>
    /// Diagnostic: <c>GreetInline("x")</c>: the same component's <c>greet</c> called as a function on a fresh instance
    /// (pool inline, <c>bench:greet_inline</c>): Wippy's instantiation and one call, no process.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("spawn")]
    public string Spawn_Diagnostic_InlineGreetCall() => _bench.GreetInline("x");

    /// <summary>
    /// Diagnostic: the same inline call as <see cref="Spawn_Diagnostic_InlineGreetCall"/>, started on the thread pool
    /// (<c>Task.Run</c>) and awaited, as a spawn runs its process.
    /// </summary>
    [Benchmark]
    [BenchmarkCategory("spawn")]
    public Task<string> Spawn_Diagnostic_InlineGreetOnThreadPool() => Task.Run(() => _bench.GreetInline("x"));

    /// <summary>Diagnostic: <c>Task.Run</c> of nothing, awaited: one hop to a thread-pool thread and back.</summary>
    [Benchmark]
    [BenchmarkCategory("spawn")]
    public Task<int> Spawn_Diagnostic_ThreadPoolHop() => Task.Run(static () => 0);

    // ---- csharp-round-trip: C# mailbox -> warm echo process -> C# mailbox ----

    /// <summary>The floor: one call of <c>echo</c> on a warm instance, whose receive hands it the message <see cref="Messages"/> times.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    [BenchmarkCategory("csharp-round-trip")]
    public int RoundTrip_Floor_EchoCall()
    {
        _floorPending = Messages;
        _floorReplies = 0;
        _warmFloorEcho.Call();
        return _floorReplies;
    }

    /// <summary><see cref="Messages"/> times: send one message to the warm echo process, await its reply.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    [BenchmarkCategory("csharp-round-trip")]
    public async Task<int> RoundTrip_CSharpToProcess()
    {
        var echo = _warmEcho.Pid;
        for (var i = 0; i < Messages; i++)
        {
            _me.Send(echo, Topic, _payload);
            await _me.ReceiveAsync().ConfigureAwait(false);
        }
        return Messages;
    }

    // ---- ping-pong: process <-> process ----

    /// <summary>The floor: <c>ping(…, Rounds)</c> on one instance, its send calling <c>echo</c> on another (two stores).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Rounds)]
    [BenchmarkCategory("ping-pong")]
    public uint PingPong_Floor_TwoInstances()
    {
        var result = _floorPing.Call(_pingArguments)!;
        return result.IsOk ? result.Payload!.AsU32() : throw new InvalidOperationException("floor: ping returned err");
    }

    /// <summary><c>SpawnPing(warm echo, Rounds)</c> and its result: <see cref="Rounds"/> round trips between two processes.</summary>
    [Benchmark(OperationsPerInvoke = Rounds)]
    [BenchmarkCategory("ping-pong")]
    public async Task<uint> PingPong_ProcessToProcess()
    {
        var result = await _bench.SpawnPing(_warmEcho.Pid, Rounds).Result.ConfigureAwait(false);
        return result.IsOk ? result.Value : throw new InvalidOperationException("ping failed: " + result.Error);
    }

    // ---- checks ----

    private async Task CheckSpawnAndFirstRoundTrip()
    {
        var echo = _bench.SpawnEcho();
        _spawner.Send(echo.Pid, Topic, _payload);
        CheckReply(await _spawner.ReceiveAsync(CheckWait), echo.Pid, "SpawnAndFirstRoundTrip");
        _spawner.Send(echo.Pid, "stop");
        var exit = await echo.Exit.WaitAsync(CheckWait);
        if (exit.Error is not null || !exit.Returned) throw new InvalidOperationException($"the spawned echo ended with {exit.Error?.Message ?? "no value"}");
        if (!(await echo.Result).IsOk) throw new InvalidOperationException("the spawned echo returned err");
        if (_runtime.Processes.IsAlive(echo.Pid)) throw new InvalidOperationException($"{echo.Pid} is still alive after its exit");
        var exitRow = await SpawnAndFirstRoundTrip().WaitAsync(CheckWait);
        if (exitRow.Error is not null) throw new InvalidOperationException("SpawnAndFirstRoundTrip: " + exitRow.Error.Message);
        if (_spawner.Count != 0) throw new InvalidOperationException($"the spawner's mailbox holds {_spawner.Count} messages after the row");
        if (await Spawn_Diagnostic_SpawnGreet().WaitAsync(CheckWait) != "Hello, x!") throw new InvalidOperationException("SpawnGreet(\"x\") did not return \"Hello, x!\"");
        if (Spawn_Diagnostic_InlineGreetCall() != "Hello, x!") throw new InvalidOperationException("GreetInline(\"x\") did not return \"Hello, x!\"");
        if (await Spawn_Diagnostic_InlineGreetOnThreadPool().WaitAsync(CheckWait) != "Hello, x!") throw new InvalidOperationException("GreetInline(\"x\") on the thread pool did not return \"Hello, x!\"");
    }

    private async Task CheckRoundTrip()
    {
        for (var i = 0; i < 3; i++)
        {
            _me.Send(_warmEcho.Pid, Topic, _payload);
            CheckReply(await _me.ReceiveAsync(CheckWait), _warmEcho.Pid, "RoundTrip_CSharpToProcess");
        }
        if (await RoundTrip_CSharpToProcess().WaitAsync(CheckWait) != Messages || _me.Count != 0)
        {
            throw new InvalidOperationException($"RoundTrip_CSharpToProcess: {_me.Count} messages left over");
        }
        if (_warmEcho.Exit.IsCompleted) throw new InvalidOperationException("the warm echo ended: " + _warmEcho.Exit.Result.Error?.Message);
    }

    private async Task CheckPingPong()
    {
        var result = await _bench.SpawnPing(_warmEcho.Pid, 100).Result.WaitAsync(CheckWait);
        if (!result.IsOk || result.Value != 100) throw new InvalidOperationException($"ping(echo, 100) returned {result}");
        if (await PingPong_ProcessToProcess().WaitAsync(CheckWait) != Rounds) throw new InvalidOperationException("ping returned the wrong count");
        if (_warmEcho.Exit.IsCompleted) throw new InvalidOperationException("the warm echo ended: " + _warmEcho.Exit.Result.Error?.Message);
    }

    private void CheckFloors()
    {
        _floorRepliedTopic = null;
        if (Spawn_Floor_InstantiateEchoCall() != 1 || _floorRepliedTopic != Topic)
        {
            throw new InvalidOperationException($"floor: echo over one message sent {_floorReplies} replies ({_floorRepliedTopic})");
        }
        if (RoundTrip_Floor_EchoCall() != Messages) throw new InvalidOperationException($"floor: echo over {Messages} messages sent {_floorReplies} replies");
        if (PingPong_Floor_TwoInstances() != Rounds) throw new InvalidOperationException("floor: ping returned the wrong count");
    }

    private static void CheckReply(ProcessMessage reply, string from, string row)
    {
        if (reply.From != from || reply.Topic != Topic || reply.Payloads.Count != 1 || reply.Payloads[0].AsText() != "x" || reply.Payloads[0].Format != PayloadFormat.Text)
        {
            throw new InvalidOperationException($"{row}: the reply was {reply.Topic} from {reply.From} with {reply.Payloads.Count} payloads, expected {Topic} from {from} with text \"x\"");
        }
    }

    /// <summary>A <c>message</c> record as receive returns it: from, topic, one text payload "x".</summary>
    private static ComponentValue Message(string from, string topic) => ComponentValue.Record(
    [
        new("from", ComponentValue.String(from)),
        new("topic", ComponentValue.String(topic)),
        new("payloads", ComponentValue.List([ComponentValue.Record(
        [
            new("format", ComponentValue.String("text")),
            new("data", ComponentValue.List([ComponentValue.U8((byte)'x')])),
        ])])),
    ]);
}
