using System.Diagnostics;
using Wippy.Host.Tests.EndToEnd;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Lua;

/// <summary>
/// Lua's time limits and executor timeouts stop Lua code on time while the thread pool is starved (every thread
/// blocked, as calls can block them in a busy host): they must not wait for a thread-pool timer, which here fired only
/// when the blocking items gave up, 10 s later. Run alone (<see cref="NotInParallel"/>): starving the pool would stall
/// every other test class.
/// </summary>
[Collection(NotInParallel.Name)]
public sealed class LuaStarvedPoolTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });

    public void Dispose() => _runtime.Dispose();

    /// <summary>
    /// Runs <paramref name="call"/> while the thread pool can run nothing else: it may not grow past the threads it
    /// has, and each of them (but the one running the test, when it is one) is blocked by a work item until the call
    /// returns or 10 s have passed; then a thread-pool timer finally runs, and a limit that waited for one is seen
    /// late. Returns how long the call took.
    /// </summary>
    private static TimeSpan WithPoolStarved(Action call)
    {
        ThreadPool.GetMaxThreads(out var maxWorkers, out var maxIo);
        Assert.True(ThreadPool.SetMaxThreads(Math.Max(Environment.ProcessorCount, ThreadPool.ThreadCount), maxIo));
        var release = new ManualResetEventSlim(); // never disposed: items the pool starts after the release still wait on it
        var until = Stopwatch.GetTimestamp() + 10 * Stopwatch.Frequency;
        try
        {
            var blocking = ThreadPool.ThreadCount + 16;
            for (var i = 0; i < blocking; i++)
            {
                ThreadPool.QueueUserWorkItem(state =>
                {
                    var left = state.Until - Stopwatch.GetTimestamp();
                    if (left > 0) state.Release.Wait(TimeSpan.FromSeconds((double)left / Stopwatch.Frequency));
                }, (Release: release, Until: until), preferLocal: false);
            }
            var started = Stopwatch.GetTimestamp();
            call();
            return Stopwatch.GetElapsedTime(started);
        }
        finally
        {
            release.Set();
            ThreadPool.SetMaxThreads(maxWorkers, maxIo);
        }
    }

    [Fact]
    public void A_time_limit_stops_lua_code_on_time()
    {
        Assert.Throws<WippyException>(() => LuaCalls.Call(_runtime, "luatest:busy_loop", "\"loop\"")); // warm-up (JIT), not measured
        WippyException? error = null;
        var elapsed = WithPoolStarved(() => error = Assert.Throws<WippyException>(() => LuaCalls.Call(_runtime, "luatest:busy_loop", "\"loop\"")));
        Assert.Equal(ErrorKind.Timeout, error!.Kind);
        Assert.Contains("its limit of 1000 ms", error.Message);
        Assert.InRange(elapsed.TotalMilliseconds, 990, 5000);
    }

    [Fact]
    public void An_executor_timeout_stops_lua_code_on_time()
    {
        LuaCalls.Call(_runtime, "luatest:spin_with_timeout"); // warm-up (JIT), not measured
        string? message = null;
        var elapsed = WithPoolStarved(() => message = LuaCalls.Call(_runtime, "luatest:spin_with_timeout").GetString());
        Assert.Equal("Timeout: luatest:spin_lua: the call was cancelled by its caller while it ran", message);
        Assert.InRange(elapsed.TotalMilliseconds, 990, 5000);
    }
}
