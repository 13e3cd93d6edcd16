using System.Diagnostics.Metrics;
using Wippy.Host.Registry;
using Wippy.Host.Tests.Limits;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Loading;

/// <summary>The runtime's metrics (meter Wippy.Host) and log events, observed around calls of one entry.</summary>
public sealed class ObservabilityTests
{
    private const string Entry = "limits:observed";

    [Fact]
    public void Calls_failures_durations_instantiations_and_pool_gauges_are_measured()
    {
        using var metrics = new CapturedMetrics(Entry);
        var log = new CapturedLogs();
        using (var runtime = metrics.Watch(() => new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = log })))
        {
            var limits = new LimitsFunctions(runtime);
            Assert.Equal(1, limits.Observed(0));
            Assert.Equal(1, limits.Observed(0));
            metrics.ReadGauges();
            Assert.Equal(1, metrics.Gauges["wippy.pool.idle"]);
            Assert.Equal(0, metrics.Gauges["wippy.pool.busy"]);
            Assert.Equal(0, metrics.Gauges["wippy.pool.queued"]);
        }

        Assert.Equal(["ok", "ok"], metrics.Outcomes);
        Assert.Equal(2, metrics.CallDurations.Count);
        Assert.All(metrics.CallDurations, d => Assert.True(d > 0));
        Assert.Single(metrics.Instantiations); // the second call reused the warm instance
        Assert.Contains(log.Events, e => e.Id == 2 && e.Message.StartsWith("Entry limits:observed: new instance in", StringComparison.Ordinal));
    }

    [Fact]
    public void Failures_are_counted_by_kind_and_logged_as_replacements()
    {
        using var metrics = new CapturedMetrics("limits:spin");
        var log = new CapturedLogs();
        using (var runtime = metrics.Watch(() => new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = log })))
        {
            Assert.Throws<WippyException>(() => new LimitsFunctions(runtime).Spin());
        }
        Assert.Contains("timeout", metrics.Outcomes);
        Assert.Contains(log.Events, e => e.Id == 4 && e.Message == "Entry limits:spin: instance replaced after a failed call (Timeout)");
    }

    [Fact]
    public void The_pool_gauges_can_be_read_while_a_runtime_starts()
    {
        // A collector (an exporter, dotnet-counters) reads the observable gauges when it likes: also while a runtime
        // is being made, whose meter exists from its first lines. 20,000 entries make the start long enough to meet.
        var manifest = new RegistryManifest(Enumerable.Range(0, 20_000)
            .Select(i => new LuaFunctionDescriptor($"many:f{i}", "test") { Source = "function f() end", Method = "f" }));
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Wippy.Host") l.EnableMeasurementEvents(instrument);
        };
        listener.Start();
        var starting = true;
        Exception? failure = null;
        var reader = new Thread(() =>
        {
            try
            {
                while (Volatile.Read(ref starting)) listener.RecordObservableInstruments();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        reader.Start();
        try
        {
            for (var i = 0; i < 20; i++) new WippyRuntime(manifest, new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, CacheDirectory = null }).Dispose();
        }
        finally
        {
            Volatile.Write(ref starting, false);
            reader.Join();
        }
        Assert.Null(failure);
    }
}
