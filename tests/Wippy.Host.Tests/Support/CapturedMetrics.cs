using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// Listens to the runtime's meter (<c>Wippy.Host</c>) and keeps what it measured of one entry: call outcomes
/// (<c>wippy.calls</c>), call and instantiation durations, and the last value of each pool gauge.
/// </summary>
internal sealed class CapturedMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _entry;

    public CapturedMetrics(string entry)
    {
        _entry = entry;
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Wippy.Host") l.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
        {
            if (instrument.Name == "wippy.calls" && Tag(tags, "entry") == _entry) Outcomes.Enqueue(Tag(tags, "outcome")!);
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (Tag(tags, "entry") != _entry) return;
            if (instrument.Name == "wippy.call.duration") CallDurations.Enqueue(value);
            if (instrument.Name == "wippy.instantiation.duration") Instantiations.Enqueue(value);
        });
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (Tag(tags, "entry") == _entry) Gauges[instrument.Name] = value;
        });
        _listener.Start();
    }

    /// <summary>The <c>outcome</c> tag of each call: ok, or the error kind in lower case.</summary>
    public ConcurrentQueue<string> Outcomes { get; } = new();

    public ConcurrentQueue<double> CallDurations { get; } = new();

    public ConcurrentQueue<double> Instantiations { get; } = new();

    /// <summary>The last value of each <c>wippy.pool.*</c> gauge, after <see cref="ReadGauges"/>.</summary>
    public ConcurrentDictionary<string, int> Gauges { get; } = new();

    /// <summary>Reads the observable gauges now.</summary>
    public void ReadGauges() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var t in tags) if (t.Key == key) return t.Value as string;
        return null;
    }
}
