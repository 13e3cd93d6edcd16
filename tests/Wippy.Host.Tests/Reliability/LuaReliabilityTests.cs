using System.Diagnostics;
using Wippy.Host.Tests.EndToEnd;
using Wippy.Host.Tests.Lua;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// A Lua function must not make the host wait past its time limit nor grow without bound (docs/lua.md#limits):
/// a nested call waiting for a worker its own caller holds ends with the caller's limit (Timeout), and a Lua state
/// is refused memory past <c>limits.max_memory_bytes</c> (Trap). Either way the entry serves the next call. Run
/// alone (<see cref="NotInParallel"/>): the memory tests read the process's resident memory.
/// </summary>
[Collection(NotInParallel.Name)]
public sealed class LuaReliabilityTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The entries' <c>limits.max_execution_ms</c>.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    /// <summary>Beyond the limit: a loaded 2-core machine may be late by seconds; the defect waited for ever.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(10);

    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });

    public void Dispose() => _runtime.Dispose();

    [Theory]
    [InlineData("call")] // funcs.call
    [InlineData("async")] // funcs.async(…):result()
    [InlineData("executor")] // an executor whose timeout (10 min) is far beyond the caller's limit
    public void A_function_calling_itself_on_a_static_pool_of_one_times_out_within_its_limit(string mode)
    {
        var (error, elapsed) = FailsWithin(Limit + Margin, () => LuaCalls.Call(_runtime, "reliability:self_call", $"\"{mode}\""));
        output.WriteLine($"{mode}: {error.Kind} after {elapsed.TotalMilliseconds:0} ms: {error.Message}");

        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal("reliability:self_call", error.EntryId);
        Assert.True(elapsed >= Limit * 0.9, $"it failed after {elapsed.TotalMilliseconds:0} ms, before its limit: not the limit that ended it");
        Assert.Equal("leaf", LuaCalls.Call(_runtime, "reliability:self_call", "\"leaf\"").GetString()); // the pool's one state is free again
    }

    [Theory]
    [InlineData("plain")] // setmetatable({}, { __gc = … })
    [InlineData("raw")]   // the field put in with rawset
    public void A_gc_finalizer_is_refused_so_that_none_can_loop_past_every_limit(string mode)
    {
        // Lua runs __gc finalizers with its debug hooks off, so the interrupt that enforces the limit cannot stop one,
        // in a collection during the call or when the state is closed: the sandbox refuses them.
        var (error, elapsed) = FailsWithin(Limit + Margin, () => LuaCalls.Call(_runtime, "reliability:gc_loop", $"\"{mode}\""));
        output.WriteLine($"{mode}: {error.Kind} after {elapsed.TotalMilliseconds:0} ms: {error.Message}");
        Assert.Equal("reliability:gc_loop", error.EntryId);
        Assert.Contains("__gc finalizers are not allowed", error.Message);
        Assert.Equal("leaf", LuaCalls.Call(_runtime, "reliability:self_call", "\"leaf\"").GetString());
    }

    [Fact]
    public void A_cycle_across_two_pools_of_one_ends_with_the_limit_of_the_call_that_started_it()
    {
        // ping (limit 1 s) → pong (no limit) → ping: pong's wait for ping's state is bounded by ping's limit.
        var (error, elapsed) = FailsWithin(Limit + Margin, () => LuaCalls.Call(_runtime, "reliability:ping", "\"cycle\""));
        output.WriteLine($"ping → pong → ping: {error.Kind} after {elapsed.TotalMilliseconds:0} ms: {error.Message}");

        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal("reliability:ping", error.EntryId);
        Assert.Equal("ping", LuaCalls.Call(_runtime, "reliability:pong").GetString()); // both pools serve again
    }

    [Fact]
    public void An_allocating_loop_stops_at_the_default_limit_with_Trap_and_the_next_call_works()
    {
        var handle = _runtime.GetLuaFunction("reliability:hog");
        Assert.Equal(1, LuaCalls.Call(_runtime, "reliability:hog", "\"count\"").GetInt32());
        var idle = Assert.Single(handle.IdleStateBytes());
        Assert.InRange(idle, 1, 1 << 20); // a state with its libraries and source: tens of KiB

        var before = ResidentBytes();
        var started = Stopwatch.GetTimestamp();
        var error = Assert.Throws<WippyException>(() => LuaCalls.Call(_runtime, "reliability:hog", "\"grow\""));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var after = ResidentBytes();
        output.WriteLine($"idle state {idle} B; grow: {error.Kind} after {elapsed.TotalMilliseconds:0} ms: {error.Message}");
        output.WriteLine($"resident memory {before >> 20} MiB before, {after >> 20} MiB after, peak {PeakResidentBytes() >> 20} MiB");

        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Equal(
            "reliability:hog: the Lua code ran out of memory: the Lua state reached its limit of 268435456 bytes (limits.max_memory_bytes)",
            error.Message);
        Assert.True(after - before < 768L << 20, $"resident memory grew by {(after - before) >> 20} MiB for a 256 MiB limit");
        Assert.Equal(1, LuaCalls.Call(_runtime, "reliability:hog", "\"count\"").GetInt32()); // a new state: the full one was closed
    }

    [Fact]
    public void Lua_code_that_catches_the_memory_error_returns_but_its_state_is_replaced()
    {
        var caught = LuaCalls.Call(_runtime, "reliability:hog", "\"catch\"");
        output.WriteLine($"catch: {caught}");

        Assert.False(caught.GetProperty("ok").GetBoolean());
        Assert.Equal("not enough memory", caught.GetProperty("err").GetString());
        Assert.InRange(caught.GetProperty("kib").GetDouble() * 1024, 0, 256.0 * (1 << 20)); // what Lua itself counts stays under the limit
        Assert.Empty(_runtime.GetLuaFunction("reliability:hog").IdleStateBytes());
        Assert.Equal(1, LuaCalls.Call(_runtime, "reliability:hog", "\"count\"").GetInt32());
    }

    [Fact]
    public void An_entry_sets_its_memory_limit_and_what_a_kept_state_may_hold()
    {
        const string Id = "reliability:hog_small"; // max_memory_bytes 16 MiB, max_retained_memory_bytes 4 MiB
        var handle = _runtime.GetLuaFunction(Id);

        Assert.Equal(1, LuaCalls.Call(_runtime, Id, "\"keep\"", "1").GetInt32()); // ~1 MiB kept: under 4 MiB
        Assert.InRange(Assert.Single(handle.IdleStateBytes()), 1L << 20, 4L << 20);
        Assert.Equal(2, LuaCalls.Call(_runtime, Id, "\"count\"").GetInt32()); // the same state

        Assert.Equal(3, LuaCalls.Call(_runtime, Id, "\"keep\"", "6").GetInt32()); // returns, holding ~6 MiB: not kept
        Assert.Empty(handle.IdleStateBytes());
        Assert.Equal(1, LuaCalls.Call(_runtime, Id, "\"count\"").GetInt32());

        var error = Assert.Throws<WippyException>(() => LuaCalls.Call(_runtime, Id, "\"grow\""));
        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Contains("reached its limit of 16777216 bytes (limits.max_memory_bytes)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, LuaCalls.Call(_runtime, Id, "\"count\"").GetInt32());
    }

    /// <summary>
    /// Runs <paramref name="call"/> on a thread of its own and returns its error and how long it took; a call still
    /// running after <paramref name="bound"/> fails the test (the defect: it never returned) instead of hanging it.
    /// </summary>
    private static (WippyException Error, TimeSpan Elapsed) FailsWithin(TimeSpan bound, Action call)
    {
        var started = Stopwatch.GetTimestamp();
        var run = Task.Factory.StartNew(call, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!((IAsyncResult)run).AsyncWaitHandle.WaitOne(bound))
        {
            throw new XunitException($"the call still ran after {bound.TotalSeconds:0} s: it waits past its limit of {Limit.TotalMilliseconds:0} ms");
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var error = Assert.IsType<WippyException>(Assert.Single(Assert.IsType<AggregateException>(run.Exception).InnerExceptions));
        return (error, elapsed);
    }

    private static long ResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    private static long PeakResidentBytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
