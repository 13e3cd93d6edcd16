using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Wippy.Host.Tests.Limits;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>The runtime's metrics (meter Wippy.Host) and log events, observed around calls of one entry.</summary>
public sealed class ObservabilityTests
{
    private const string Entry = "limits:observed";

    private sealed class Captured : ILoggerFactory, ILogger
    {
        public readonly ConcurrentQueue<(LogLevel Level, int Id, string Message)> Events = new();

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider) { }

        public void Dispose() { }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Events.Enqueue((logLevel, eventId.Id, formatter(state, exception)));
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var t in tags) if (t.Key == key) return t.Value as string;
        return null;
    }

    [Fact]
    public void Calls_failures_durations_instantiations_and_pool_gauges_are_measured()
    {
        var calls = new ConcurrentQueue<string>();
        var durations = new ConcurrentQueue<double>();
        var instantiations = new ConcurrentQueue<double>();
        var gauges = new ConcurrentDictionary<string, int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Wippy.Host") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == "wippy.calls" && Tag(tags, "entry") == Entry) calls.Enqueue(Tag(tags, "outcome")!);
        });
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (Tag(tags, "entry") != Entry) return;
            if (instrument.Name == "wippy.call.duration") durations.Enqueue(value);
            if (instrument.Name == "wippy.instantiation.duration") instantiations.Enqueue(value);
        });
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (Tag(tags, "entry") == Entry) gauges[instrument.Name] = value;
        });
        listener.Start();

        var log = new Captured();
        using (var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = log }))
        {
            var limits = new LimitsFunctions(runtime);
            Assert.Equal(1, limits.Observed(0));
            Assert.Equal(1, limits.Observed(0));
            listener.RecordObservableInstruments();
            Assert.Equal(1, gauges["wippy.pool.idle"]);
            Assert.Equal(0, gauges["wippy.pool.busy"]);
            Assert.Equal(0, gauges["wippy.pool.queued"]);
        }

        Assert.Equal(["ok", "ok"], calls);
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.True(d > 0));
        Assert.Single(instantiations); // the second call reused the warm instance
        Assert.Contains(log.Events, e => e.Id == 2 && e.Message.StartsWith("Entry limits:observed: new instance in", StringComparison.Ordinal));
    }

    [Fact]
    public void Failures_are_counted_by_kind_and_logged_as_replacements()
    {
        var outcomes = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Wippy.Host" && instrument.Name == "wippy.calls") l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            if (Tag(tags, "entry") == "limits:spin") outcomes.Enqueue(Tag(tags, "outcome")!);
        });
        listener.Start();
        var log = new Captured();
        using (var runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = log }))
        {
            Assert.Throws<WippyException>(() => new LimitsFunctions(runtime).Spin());
        }
        Assert.Contains("timeout", outcomes);
        Assert.Contains(log.Events, e => e.Id == 4 && e.Message == "Entry limits:spin: instance replaced after a failed call (Timeout)");
    }
}
