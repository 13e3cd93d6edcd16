using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Wippy.Host.Tests.Support;
using Xunit.Abstractions;

namespace Wippy.Host.Tests.Reliability;

/// <summary>
/// Guests that overflow their stack, claim lists of 2^31 elements or write 100 MB to stdout: each call ends with an
/// error of a stated kind naming the entry (or, for output, completes with every byte logged in bounded pieces), and
/// the host serves the next call.
/// </summary>
public sealed class GuestMisbehaviourTests(ITestOutputHelper output)
{
    [Fact]
    public void A_stack_overflow_is_a_Trap_and_the_entry_serves_again()
    {
        using var runtime = Descriptors.Runtime(WippyRegistry.CreateManifest());
        var guests = new ReliabilityFunctions(runtime);
        for (var i = 0; i < 3; i++) // each on a fresh instance: the failed one is dropped
        {
            var error = Assert.Throws<WippyException>(() => guests.Recurse());
            Assert.Equal(ErrorKind.Trap, error.Kind);
            Assert.Equal("reliability:recurse", error.EntryId);
            Assert.Contains("call stack exhausted", error.Message);
        }
        Assert.Equal(1, guests.TableGrow(1));
    }

    [Theory]
    [InlineData("reliability:huge_bytes")]
    [InlineData("reliability:huge_u64s")]
    public void A_list_of_two_to_the_31_elements_is_Invalid_and_nothing_is_allocated_for_it(string entry)
    {
        using var runtime = Descriptors.Runtime(WippyRegistry.CreateManifest());
        var guests = new ReliabilityFunctions(runtime);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<WippyException>(() => _ = entry == "reliability:huge_bytes" ? guests.HugeBytes().Length : guests.HugeU64s().Length);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{entry}: {error.Message} ({allocated} bytes allocated by the failed call)");
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal(entry, error.EntryId);
        Assert.Contains("outside memory", error.Message);
        Assert.InRange(allocated, 0, 1 << 20); // checked before any copy: no 2 GiB array
        Assert.Equal(1, guests.TableGrow(1));
    }

    [Fact]
    public void A_hundred_megabytes_to_stdout_all_reach_the_log_in_pieces_of_at_most_16_KiB()
    {
        var counting = new CountingLogs("Wippy.Guest.reliability:flood_stdout");
        using var runtime = new WippyRuntime(WippyRegistry.CreateManifest(),
            new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = counting });
        var guests = new ReliabilityFunctions(runtime);
        const uint chunks = 1600; // × 64 KiB = 104,857,600 bytes
        var started = Stopwatch.GetTimestamp();
        Assert.Equal(chunks, guests.FloodStdout(chunks));
        var elapsed = Stopwatch.GetElapsedTime(started);
        output.WriteLine($"100 MiB to stdout in {elapsed.TotalMilliseconds:0} ms: {counting.Events} log events, {counting.Characters} characters, longest {counting.Longest}");
        Assert.Equal(chunks * 65536L, counting.Characters);
        Assert.InRange(counting.Longest, 1, 16 * 1024 + 64); // the piece and its "[entry stdout] " prefix
        Assert.Equal(1u, guests.FloodStdout(1)); // and again
    }

    /// <summary>Counts the guest-output characters logged in one category (the text after the "[entry stdout] " prefix).</summary>
    private sealed class CountingLogs(string category) : ILoggerFactory
    {
        private long _events;
        private long _characters;
        private long _longest;

        public long Events => Interlocked.Read(ref _events);

        public long Characters => Interlocked.Read(ref _characters);

        public long Longest => Interlocked.Read(ref _longest);

        public ILogger CreateLogger(string categoryName) => categoryName == category ? new Counter(this) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void AddProvider(ILoggerProvider provider) { }

        public void Dispose() { }

        private sealed class Counter(CountingLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var message = formatter(state, exception);
                var text = message[(message.IndexOf("] ", StringComparison.Ordinal) + 2)..];
                Interlocked.Increment(ref owner._events);
                Interlocked.Add(ref owner._characters, text.Length);
                if (message.Length > Interlocked.Read(ref owner._longest)) Interlocked.Exchange(ref owner._longest, message.Length);
            }
        }
    }
}
