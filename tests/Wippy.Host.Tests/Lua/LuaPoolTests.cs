using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Lua;

/// <summary>
/// A function.lua entry's pool behaves like a WebAssembly entry's (docs/lua.md#states-and-the-sandbox): states kept warm between calls, replaced
/// after a failed call, retired when idle, created ahead with warm_start; and it is measured the same way.
/// </summary>
public sealed class LuaPoolTests
{
    private const string Counted = "luatest:counted";

    private static WippyRuntime Runtime(CapturedLogs logs, TimeSpan? idle = null) =>
        new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions
        {
            RegistryRoot = RepoPaths.TestRegistry,
            LoggerFactory = logs,
            IdleTimeout = idle ?? TimeSpan.FromMinutes(5),
            ReapInterval = idle ?? TimeSpan.FromMinutes(5),
        });

    private static int Count(WippyRuntime runtime, string mode) => LuaCalls.Call(runtime, Counted, $"\"{mode}\"").GetInt32();

    [Fact]
    public void A_state_is_kept_after_a_returned_error_and_replaced_after_a_raised_one()
    {
        var logs = new CapturedLogs();
        using var runtime = Runtime(logs);
        Assert.Equal(1, Count(runtime, "ok"));
        Assert.Equal(2, Count(runtime, "ok")); // the same state: its globals persist between calls

        Assert.Throws<WippyException>(() => Count(runtime, "refuse")); // nil, err: the function returned normally
        Assert.Equal(4, Count(runtime, "ok"));
        var invalid = Assert.Throws<WippyException>(() => Count(runtime, "function")); // a result that cannot be JSON
        Assert.Equal(ErrorKind.Invalid, invalid.Kind);
        Assert.Equal(6, Count(runtime, "ok")); // the function returned: its state is intact

        var raised = Assert.Throws<WippyException>(() => Count(runtime, "raise"));
        Assert.Equal(ErrorKind.Internal, raised.Kind);
        Assert.Equal(1, Count(runtime, "ok")); // a new state: the failed one may have held half-updated globals
        Assert.Equal(["Entry luatest:counted: instance replaced after a failed call (Internal)"], logs.Messages("Wippy.Host", 4));
    }

    [Fact]
    public void Calls_durations_new_states_and_pool_gauges_are_measured()
    {
        using var metrics = new CapturedMetrics(Counted);
        var logs = new CapturedLogs();
        using (var runtime = metrics.Watch(() => Runtime(logs)))
        {
            Count(runtime, "ok");
            Assert.Throws<WippyException>(() => Count(runtime, "raise"));
            Count(runtime, "ok");
            metrics.ReadGauges();
        }

        Assert.Equal(["ok", "internal", "ok"], metrics.Outcomes);
        Assert.Equal(3, metrics.CallDurations.Count);
        Assert.All(metrics.CallDurations, d => Assert.True(d > 0));
        Assert.Equal(2, metrics.Instantiations.Count); // the state made at load (it served the first call), and the replacement
        Assert.Equal(2, logs.Messages("Wippy.Host", 2).Count(m => m.StartsWith("Entry luatest:counted: new instance in ", StringComparison.Ordinal)));
        Assert.Equal(1, metrics.Gauges["wippy.pool.idle"]);
        Assert.Equal(0, metrics.Gauges["wippy.pool.busy"]);
        Assert.Equal(0, metrics.Gauges["wippy.pool.queued"]);
    }

    [Fact]
    public void Idle_states_of_a_lazy_pool_are_retired()
    {
        var logs = new CapturedLogs();
        using var runtime = Runtime(logs, idle: TimeSpan.FromMilliseconds(50));
        Count(runtime, "ok");
        var handle = runtime.GetLuaFunction(Counted);

        // The reaper retires the state, then logs what it did: both are awaited, neither implies the other at once.
        Eventually.Passes(() =>
        {
            Assert.Equal(0, handle.Idle);
            Assert.Contains("Entry luatest:counted: retired 1 idle instance(s), 0 left", logs.Messages("Wippy.Host", 3));
        });
        Assert.Equal(1, Count(runtime, "ok")); // a new state serves the next call
    }

    [Fact]
    public async Task Warm_start_creates_a_static_pool_s_states_before_the_first_call()
    {
        var logs = new CapturedLogs();
        using var runtime = Runtime(logs);
        await runtime.WarmStart.WaitAsync(Eventually.Deadline); // warm start runs in the background
        Assert.Equal(2, runtime.GetLuaFunction("luatest:warm").Idle);
        Assert.Contains("Entry luatest:warm: warm start, 2 instance(s) ready", logs.Messages("Wippy.Host", 5));
        Assert.Equal("warm", LuaCalls.Call(runtime, "luatest:warm").GetString());
    }
}
