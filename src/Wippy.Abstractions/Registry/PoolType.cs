namespace Wippy.Registry;

/// <summary>The kind of worker pool a function runs in (docs/registry.md#pools).</summary>
public enum PoolType
{
    /// <summary>Synchronous, single-threaded; a new instance for each call.</summary>
    Inline,
    /// <summary>No idle workers; grows on demand up to <see cref="PoolConfig.MaxSize"/>; idle workers retired.</summary>
    Lazy,
    /// <summary><see cref="PoolConfig.Workers"/> workers and a request queue of <see cref="PoolConfig.Buffer"/>.</summary>
    Static,
    /// <summary>Elastic: starts at one worker, grows while requests queue, shrinks after sustained low use.</summary>
    Adaptive,
}
