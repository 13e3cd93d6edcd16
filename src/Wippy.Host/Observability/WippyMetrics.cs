using System.Diagnostics.Metrics;

namespace Wippy.Host.Observability;

/// <summary>
/// The <see cref="System.Diagnostics.Metrics"/> instruments of one runtime, on a meter named <see cref="MeterName"/>
/// (listen with <c>dotnet-counters monitor --counters Wippy.Host</c>, OpenTelemetry's <c>AddMeter("Wippy.Host")</c>
/// or a <see cref="MeterListener"/>). Every measurement carries the tag <c>entry</c> (the entry id). See
/// docs/runtime.md#metrics.
/// </summary>
internal sealed class WippyMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Wippy.Host";

    private readonly Meter _meter;

    public WippyMetrics(Func<IEnumerable<IEntryPoolStats>> loaded)
    {
        _meter = new Meter(MeterName);
        Calls = _meter.CreateCounter<long>("wippy.calls", unit: "{call}",
            description: "Calls of a function entry (WebAssembly or Lua), by outcome: ok, or the error kind (invalid, trap, timeout, unavailable, ...).");
        CallDuration = _meter.CreateHistogram<double>("wippy.call.duration", unit: "ms",
            description: "Time from taking a worker to giving it back, for calls that got one.");
        InstantiationDuration = _meter.CreateHistogram<double>("wippy.instantiation.duration", unit: "ms",
            description: "Time to create a new instance (a new store, limits, instantiation) or Lua state (the source run once).");
        _meter.CreateObservableGauge("wippy.pool.queued", () => Observe(loaded(), h => h.Queued), unit: "{call}",
            description: "Callers waiting for a worker.");
        _meter.CreateObservableGauge("wippy.pool.busy", () => Observe(loaded(), h => h.Busy), unit: "{worker}",
            description: "Workers running a call.");
        _meter.CreateObservableGauge("wippy.pool.idle", () => Observe(loaded(), h => h.Idle), unit: "{instance}",
            description: "Warm instances waiting for a call.");
    }

    public Counter<long> Calls { get; }

    public Histogram<double> CallDuration { get; }

    public Histogram<double> InstantiationDuration { get; }

    private static IEnumerable<Measurement<int>> Observe(IEnumerable<IEntryPoolStats> handles, Func<IEntryPoolStats, int> value) =>
        handles.Select(h => new Measurement<int>(value(h), new KeyValuePair<string, object?>("entry", h.Id)));

    public void Dispose() => _meter.Dispose();
}
