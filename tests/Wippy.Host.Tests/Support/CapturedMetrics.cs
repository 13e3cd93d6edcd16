using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// Listens to the meter (<c>Wippy.Host</c>) of the runtimes made through <see cref="Watch"/> and keeps what they
/// measured of one entry: call outcomes (<c>wippy.calls</c>), call and instantiation durations, and the last value of
/// each pool gauge.
/// </summary>
/// <remarks>
/// Every runtime has a meter of that name, and test classes run at the same time: a runtime of another class that
/// loads the same entry (LoadAll, the check command, the health check) would add its instantiations and its gauge
/// values (idle 0 from such a runtime overwrote this one's 1). A runtime creates its meter in its constructor, and a
/// listener is told of each new instrument on the thread that creates it; so the instruments taken are those
/// announced on this thread while <see cref="Watch"/> runs the constructor, where no other test's code can run.
/// </remarks>
internal sealed class CapturedMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly string _entry;
    private int _watchingThread;

    public CapturedMetrics(string entry)
    {
        _entry = entry;
        _listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Wippy.Host" && Environment.CurrentManagedThreadId == Volatile.Read(ref _watchingThread)) l.EnableMeasurementEvents(instrument);
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

    /// <summary>Makes a runtime with <paramref name="create"/> and listens to its meter (to no other runtime's).</summary>
    public WippyRuntime Watch(Func<WippyRuntime> create)
    {
        Volatile.Write(ref _watchingThread, Environment.CurrentManagedThreadId);
        try
        {
            return create();
        }
        finally
        {
            Volatile.Write(ref _watchingThread, 0);
        }
    }

    /// <summary>Reads the observable gauges now.</summary>
    public void ReadGauges() => _listener.RecordObservableInstruments();

    public void Dispose() => _listener.Dispose();

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var t in tags) if (t.Key == key) return t.Value as string;
        return null;
    }
}
