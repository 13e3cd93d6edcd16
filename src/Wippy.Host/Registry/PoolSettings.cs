namespace Wippy.Host.Registry;

/// <summary>The four pool types of docs/registry.md#pools.</summary>
public enum PoolType
{
    /// <summary>Synchronous on the caller's thread; a fresh instance per call.</summary>
    Inline,
    /// <summary>No idle workers; grows on demand up to <see cref="PoolSettings.MaxSize"/>.</summary>
    Lazy,
    /// <summary>A fixed number of workers with a request queue.</summary>
    Static,
    /// <summary>Elastic between one worker and <see cref="PoolSettings.MaxSize"/>.</summary>
    Adaptive,
}

/// <summary>A function's effective pool settings, defaults already applied by the registry front end.</summary>
/// <param name="Type">The pool type.</param>
/// <param name="Size">Total pool size.</param>
/// <param name="Workers">Worker count (static).</param>
/// <param name="Buffer">Request queue length (static).</param>
/// <param name="MaxSize">Upper bound of instances (lazy, adaptive).</param>
/// <param name="WarmStart">Instantiate the first workers when the host starts (adaptive).</param>
public sealed record PoolSettings(PoolType Type, int Size, int Workers, int Buffer, int MaxSize, bool WarmStart)
{
    /// <summary>How many instances <c>warm_start</c> creates: a static pool all its workers, inline none, the others one.</summary>
    internal int WarmCount => Type switch
    {
        PoolType.Inline => 0,
        PoolType.Static => Math.Max(1, Workers),
        _ => 1,
    };
}

/// <summary>A function's execution limits; null means not limited.</summary>
/// <param name="MaxExecutionMs">Cancel a call that runs longer.</param>
/// <param name="MaxMemoryBytes">Cap on the guest's linear memory.</param>
/// <param name="MaxRetainedMemoryBytes">Replace a warm instance whose memory grew past this.</param>
public sealed record LimitSettings(long? MaxExecutionMs, long? MaxMemoryBytes, long? MaxRetainedMemoryBytes);
