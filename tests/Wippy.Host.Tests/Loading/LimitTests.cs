using System.Diagnostics;
using Wippy.Host.Tests.Limits;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Loading;

/// <summary>Execution limits against real guests: time (epoch interruption), cancellation while running, memory caps, recycling.</summary>
public sealed class LimitTests : IDisposable
{
    private readonly WippyRuntime _runtime = new(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry });
    private readonly LimitsFunctions _limits;
    private readonly ITestOutputHelper _output;

    public LimitTests(ITestOutputHelper output)
    {
        _limits = new LimitsFunctions(_runtime);
        _output = output;
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void A_spinning_guest_is_stopped_at_its_time_limit_and_the_entry_keeps_serving()
    {
        Assert.True(_runtime.GetFunction("limits:spin").IsLoaded); // compiled before the clock starts
        Assert.Equal(ErrorKind.Timeout, Assert.Throws<WippyException>(() => _limits.Spin()).Kind); // warm-up (JIT), not measured
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var error = Assert.Throws<WippyException>(() => _limits.Spin());
            var elapsed = Stopwatch.GetElapsedTime(started);
            _output.WriteLine($"a 200 ms limit stopped the guest after {elapsed.TotalMilliseconds:0} ms");
            Assert.Equal(ErrorKind.Timeout, error.Kind);
            Assert.Equal("limits:spin", error.EntryId);
            Assert.Contains("its limit of 200 ms (limits.max_execution_ms)", error.Message);
            // The limit, plus a tick (10 ms) and the instance's creation; generous above for a loaded 2-core CI machine.
            Assert.InRange(elapsed.TotalMilliseconds, 200, 500);
        }
    }

    [Fact]
    public void Cancelling_a_running_call_stops_the_guest()
    {
        Assert.True(_runtime.GetFunction("limits:spin_forever").IsLoaded);
        // The first call of a process JIT-compiles the call path and warms Wasmtime up (~0.4 s here): not measured.
        Assert.Throws<OperationCanceledException>(() => SpinCancelledAfter(TimeSpan.FromMilliseconds(50)));
        var started = Stopwatch.GetTimestamp();
        var cancelled = Assert.Throws<OperationCanceledException>(() => SpinCancelledAfter(TimeSpan.FromMilliseconds(100)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        _output.WriteLine($"cancelled after 100 ms, the call ended after {elapsed.TotalMilliseconds:0} ms");
        // The caller's own token: .NET's exception for it, carrying that token, with the entry's Timeout error inside.
        Assert.True(cancelled.CancellationToken.IsCancellationRequested);
        var error = Assert.IsType<WippyException>(cancelled.InnerException);
        Assert.Equal(ErrorKind.Timeout, error.Kind);
        Assert.Equal("limits:spin_forever", error.EntryId);
        Assert.Contains("cancelled by its caller while it ran", error.Message);
        Assert.Equal(error.Message, cancelled.Message);
        // 100 ms plus at most a tick (10 ms) and a new instance; generous above for a loaded 2-core CI machine.
        Assert.InRange(elapsed.TotalMilliseconds, 100, 500);
    }

    /// <summary>Calls spin_forever with a token cancelled after <paramref name="delay"/>.</summary>
    private void SpinCancelledAfter(TimeSpan delay) =>
        CancelledAfter.Run(delay, token => _limits.SpinForeverAsync(token).AsTask().GetAwaiter().GetResult());

    [Fact]
    public void Many_spinning_calls_at_once_are_all_stopped()
    {
        var errors = Enumerable.Range(0, 4).AsParallel().WithDegreeOfParallelism(4)
            .Select(_ => Assert.Throws<WippyException>(() => _limits.Spin()).Kind).ToList();
        Assert.All(errors, kind => Assert.Equal(ErrorKind.Timeout, kind));
    }

    [Fact]
    public void Memory_cannot_grow_past_max_memory_bytes()
    {
        Assert.Equal(1, _limits.GrowCapped(3));   // 1 -> 4 pages = 256 KiB, the cap
        Assert.Equal(-1, _limits.GrowCapped(1));  // one more page is refused
    }

    [Fact]
    public void A_memory_bomb_fails_cleanly_and_the_host_serves_the_next_call()
    {
        var error = Assert.Throws<WippyException>(() => _limits.Bomb());
        Assert.Equal(ErrorKind.Trap, error.Kind);
        Assert.Contains("unreachable", error.Message);
        Assert.Equal(ErrorKind.Trap, Assert.Throws<WippyException>(() => _limits.Bomb()).Kind);
        Assert.Equal(1, _limits.GrowCapped(0));
    }

    [Fact]
    public void An_instance_whose_memory_grew_past_max_retained_memory_bytes_is_replaced()
    {
        var handle = _runtime.GetWasmFunction("limits:grow_recycled");
        Assert.Equal(1, _limits.GrowRecycled(0)); // 64 KiB: kept warm
        Assert.Equal([65536UL], handle.IdleMemorySizes());
        Assert.Equal(1, _limits.GrowRecycled(2)); // 192 KiB > 128 KiB: dropped after the call
        Assert.Empty(handle.IdleMemorySizes());
        Assert.Equal(1, _limits.GrowRecycled(0)); // a fresh instance starts at 1 page again
    }
}
