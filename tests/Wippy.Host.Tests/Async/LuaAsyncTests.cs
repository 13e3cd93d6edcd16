using System.Diagnostics;
using Wippy.Host.Tests.Lua;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Async;

/// <summary>
/// <c>funcs.async</c> of a guest that sleeps on a fiber (registry/lua/sleepers.lua calling <c>clocks:sleep_inline</c>):
/// the calls await, so many sleep at once without a thread each, and cancellation and executor timeouts still end them
/// with Timeout.
/// </summary>
[Collection(EndToEnd.NotInParallel.Name)]
public sealed class LuaAsyncTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public async Task A_hundred_sleeping_futures_end_together()
    {
        LuaCalls.Call(_runtime, "luatest:sleepers", "1", "1"); // JIT and compile: not measured
        var started = Stopwatch.GetTimestamp();
        // A thread of its own for the Lua call, which blocks in result() (the futures themselves must not need threads).
        var slept = await Task.Factory.StartNew(() => LuaCalls.Call(_runtime, "luatest:sleepers", "100", "1000"),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Assert.Equal(100, slept.GetInt32());
        // Each holding a pool thread, 100 one-second sleeps take many seconds on 2 cores (the pool adds a thread or two a second).
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"100 futures sleeping 1 s took {elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void A_cancelled_future_and_an_executor_timeout_end_a_sleep_with_Timeout()
    {
        var started = Stopwatch.GetTimestamp();
        var r = LuaCalls.Call(_runtime, "luatest:sleepers_stopped");
        Assert.True(r.GetProperty("cancelled").GetBoolean());
        Assert.Equal("Timeout", r.GetProperty("cancel_kind").GetString());
        Assert.Equal("Timeout", r.GetProperty("timeout_kind").GetString());
        Assert.InRange(r.GetProperty("after").GetInt64(), 1, 60_000);
        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalSeconds, 0, 20);
    }
}
