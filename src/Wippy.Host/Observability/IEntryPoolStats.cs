namespace Wippy.Host.Observability;

/// <summary>What the pool gauges (<c>wippy.pool.*</c>) read of an entry: a WebAssembly function or a Lua function.</summary>
internal interface IEntryPoolStats
{
    /// <summary>The entry id (the gauges' <c>entry</c> tag).</summary>
    string Id { get; }

    /// <summary>Workers running a call.</summary>
    int Busy { get; }

    /// <summary>Callers waiting for a worker.</summary>
    int Queued { get; }

    /// <summary>Warm instances (or Lua states) waiting for a call.</summary>
    int Idle { get; }
}
