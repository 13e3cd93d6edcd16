using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Wippy.Host.Observability;

/// <summary>Metrics and log events of one entry, with its tags built once (no allocation per call).</summary>
internal sealed class EntryObserver
{
    private static readonly KeyValuePair<string, object?> Ok = new("outcome", "ok");
    private static readonly KeyValuePair<string, object?>[] Outcomes =
        Enum.GetValues<ErrorKind>().Select(k => new KeyValuePair<string, object?>("outcome", k.ToString().ToLowerInvariant())).ToArray();

    private readonly WippyMetrics? _metrics;
    private readonly System.Diagnostics.Metrics.Counter<long>? _calls;
    private readonly KeyValuePair<string, object?> _entry;

    public EntryObserver(string entryId, WippyMetrics? metrics, ILogger logger)
    {
        EntryId = entryId;
        _metrics = metrics;
        _calls = metrics?.Calls;
        Logger = logger;
        _entry = new KeyValuePair<string, object?>("entry", entryId);
    }

    public string EntryId { get; }

    public ILogger Logger { get; }

    /// <summary>A timestamp to time a call with, or 0 when nobody listens to call durations.</summary>
    public long StartTiming() => _metrics is { CallDuration.Enabled: true } ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Counts one call (completed, or failed with <paramref name="failure"/>) and records its duration.</summary>
    /// <remarks>Small enough to inline into every call's end: with nobody listening it is two reads and two tests.</remarks>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void Called(bool completed, ErrorKind failure, long started)
    {
        if (started != 0 || _calls is { Enabled: true }) Record(completed, failure, started);
    }

    private void Record(bool completed, ErrorKind failure, long started)
    {
        if (_calls is { Enabled: true } calls) calls.Add(1, _entry, completed ? Ok : Outcomes[(int)failure]);
        if (started != 0) _metrics?.CallDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, _entry);
    }

    /// <summary>Whether anyone takes <see cref="Instantiated"/>'s figures: the duration histogram's listeners or the Debug log.</summary>
    public bool WatchesInstantiation => _metrics is { InstantiationDuration.Enabled: true } || Logger.IsEnabled(LogLevel.Debug);

    public void Instantiated(double milliseconds, int busy, int idle)
    {
        _metrics?.InstantiationDuration.Record(milliseconds, _entry);
        WippyLog.InstanceCreated(Logger, EntryId, milliseconds, busy, idle);
    }
}
