using System.Diagnostics;
using Wippy.Host.Tests.Clocks;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// The host's own wasi:io/poll and wasi:clocks (written in C#, not Wasmtime's WASI) on a component that imports only
/// those two interfaces (tests/guests/components/clocks): sleeping, polling, limits and cancellation that hold while
/// the guest waits in the host, handles used wrongly, and grants (registry/clocks).
/// </summary>
public sealed class WasiHostClocksTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
    private readonly ClocksFunctions _clocks;
    private readonly ITestOutputHelper _output;

    public WasiHostClocksTests(ITestOutputHelper output)
    {
        _clocks = new ClocksFunctions(_runtime);
        _output = output;
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_sleep_lasts_the_time_asked_on_the_guests_monotonic_clock()
    {
        var started = Stopwatch.GetTimestamp();
        var measured = _clocks.Sleep(50);
        Assert.InRange(measured, 50UL, 5000UL);
        Assert.True(Stopwatch.GetElapsedTime(started).TotalMilliseconds >= 50);
    }

    [Fact]
    public void A_sleep_past_max_execution_ms_fails_with_Timeout_at_the_limit_and_the_entry_keeps_serving()
    {
        _clocks.Sleep(1); // JIT-compiles the call path: not measured
        Assert.True(_runtime.GetFunction("clocks:sleep_limited").IsLoaded);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var error = Assert.Throws<WippyException>(() => _clocks.SleepLimited(1000));
            var elapsed = Stopwatch.GetElapsedTime(started);
            _output.WriteLine($"a 1000 ms sleep under a 100 ms limit failed after {elapsed.TotalMilliseconds:0.0} ms");
            Assert.Equal(ErrorKind.Timeout, error.Kind);
            Assert.Equal("clocks:sleep_limited", error.EntryId);
            Assert.Contains("its limit of 100 ms (limits.max_execution_ms)", error.Message);
            // The limit plus two ticks (20 ms) is the target; the bound is generous for a loaded 2-core CI machine.
            Assert.InRange(elapsed.TotalMilliseconds, 100, 400);
        }
        Assert.InRange(_clocks.SleepLimited(1), 1UL, 99UL); // the failed instance was dropped; a new one serves
    }

    [Fact]
    public void Cancelling_a_sleeping_call_ends_it_and_the_entry_keeps_serving()
    {
        _clocks.Sleep(1); // JIT and a warm instance: not measured
        var started = Stopwatch.GetTimestamp();
        var cancelled = Assert.Throws<OperationCanceledException>(() => SleepCancelledAfter(10_000, TimeSpan.FromMilliseconds(100)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var error = Assert.IsType<WippyException>(cancelled.InnerException);
        _output.WriteLine($"a 10 s sleep cancelled after 100 ms ended after {elapsed.TotalMilliseconds:0.0} ms");
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal("clocks:sleep", error.EntryId);
        Assert.Contains("cancelled by its caller while it ran", error.Message);
        Assert.InRange(elapsed.TotalMilliseconds, 100, 400);
        Assert.InRange(_clocks.Sleep(1), 1UL, 5000UL);
    }

    [Fact]
    public void Ready_answers_without_waiting()
    {
        Assert.Equal(1u, _clocks.ReadyCheck()); // an hour: not ready; 0 ns: ready
    }

    [Fact]
    public void A_guest_that_imports_poll_is_served_by_the_hosts_own_WASI_when_called_directly_and_by_Wasmtimes_through_the_component_model()
    {
        // Wasmtime 50.0.1 cannot lift list<borrow<pollable>> into a host function defined through its C API, so through
        // the component model a guest importing wasi:io/poll#poll is served by Wasmtime's WASI (docs/runtime.md#wasi):
        // poll works there, and a sleep under a limit ends when the sleep does, not at the limit. Called directly the
        // host lifts the list itself: its own WASI serves the guest, and the sleep ends at the limit.
        Assert.Equal(1u, _clocks.PollTwo(20)); // [20 ms, an hour]: only the first is ready
        Assert.Equal(1u, _clocks.PollOne(10));
        Assert.Equal(1u, _clocks.PollTwoCm(20));
        foreach (var (path, sleep) in new (string, Func<ulong>)[] { ("direct", () => _clocks.PollGuestSleepLimited(300)), ("component model", () => _clocks.PollGuestSleepLimitedCm(300)) })
        {
            var started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                outcome = "returned " + sleep();
            }
            catch (WippyException e)
            {
                outcome = e.Kind.ToString();
            }
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            _output.WriteLine($"{path}: a 300 ms sleep under a 100 ms limit: {outcome} after {elapsed:0} ms");
            if (path == "direct")
            {
                Assert.Equal("Timeout", outcome);
                Assert.InRange(elapsed, 100, 280);
            }
            else
            {
                Assert.True(elapsed >= 300, $"Wasmtime's WASI holds the thread for the whole sleep ({elapsed:0} ms)");
            }
        }
    }

    [Fact]
    public void A_dead_handle_or_a_second_drop_fails_the_call_and_the_entry_keeps_serving()
    {
        // Called directly, the host keeps the guest's handle table and refuses a handle that is not live: a Trap naming the
        // function and the handle (through the component model Wasmtime refuses it first, "unknown handle index").
        var dead = Assert.Throws<WippyException>(() => _clocks.BlockDropped());
        _output.WriteLine($"block on a dropped pollable: {dead}");
        Assert.Equal((ErrorKind.Trap, "clocks:block_dropped"), (dead.Kind, dead.EntryId));
        Assert.Contains("handle 1 is not a live wasi:io/poll/pollable", dead.Message);
        var twice = Assert.Throws<WippyException>(() => _clocks.DropTwice());
        _output.WriteLine($"a second drop: {twice}");
        Assert.Equal((ErrorKind.Trap, "clocks:drop_twice"), (twice.Kind, twice.EntryId));
        Assert.Contains("is not a live wasi:io/poll/pollable", twice.Message);
        Assert.Equal(1u, _clocks.ReadyCheck());
    }

    [Fact]
    public void Handles_a_guest_never_drops_do_not_stop_it_from_serving()
    {
        for (var i = 0; i < 5; i++) _clocks.Leak(1000);
        Assert.Equal(1u, _clocks.ReadyCheck());
    }

    [Fact]
    public void A_guest_that_keeps_making_resources_traps_at_the_stores_handle_limit_and_the_entry_keeps_serving()
    {
        // Wasmtime caps a store's handles (99,000 in one call worked, 100,001 did not); the host's table holds one
        // entry per handle, so it is bounded too.
        var error = Assert.Throws<WippyException>(() => _clocks.Leak(100_001));
        _output.WriteLine(error.ToString());
        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Equal("clocks:leak", error.EntryId);
        Assert.Contains("handle limit", error.Message);
        _clocks.Leak(10); // a new instance, with an empty table
    }

    [Fact]
    public void An_entry_without_the_grant_links_and_each_call_is_denied_naming_what_to_add()
    {
        var error = Assert.Throws<WippyException>(() => _clocks.SleepUngranted(1));
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal("clocks:sleep_ungranted", error.EntryId);
        Assert.Contains("wasi:clocks/monotonic-clock@0.2.0#now", error.Message);
        Assert.Contains("add '- wasi:clocks' to its imports:", error.Message);
    }

    private ulong SleepCancelledAfter(uint ms, TimeSpan delay) =>
        CancelledAfter.Run(delay, token => _clocks.SleepAsync(ms, token).AsTask().GetAwaiter().GetResult());
}
