using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>An entry's <c>limits</c> block (docs/registry.md#limits). Each value is <see langword="null"/> when not written, else positive.</summary>
/// <param name="MaxExecutionMs"><c>max_execution_ms</c>: past it the execution is cancelled and an error returned.</param>
/// <param name="MaxMemoryBytes"><c>max_memory_bytes</c>: a cap on linear memory.</param>
/// <param name="MaxRetainedMemoryBytes"><c>max_retained_memory_bytes</c>: a warm worker whose memory grew past it is replaced after the call.</param>
/// <param name="Position">Where the block is, or <see langword="null"/> when absent.</param>
public sealed record LimitsConfig(long? MaxExecutionMs, long? MaxMemoryBytes, long? MaxRetainedMemoryBytes, SourcePosition? Position)
{
    /// <summary>The reference default for <see cref="MaxRetainedMemoryBytes"/> when not written: 64 MiB.</summary>
    public const long DefaultMaxRetainedMemoryBytes = 64L * 1024 * 1024;

    /// <summary>The largest <c>max_execution_ms</c>: <see cref="int.MaxValue"/> ms (about 24.8 days), what a .NET timer takes as whole milliseconds.</summary>
    public const long MaxExecutionMsLimit = int.MaxValue;

    /// <summary>The smallest <c>max_memory_bytes</c>: one WebAssembly page (64 KiB); a smaller cap cannot hold any memory.</summary>
    public const long MinMemoryBytes = 65536;

    /// <summary>The limits of an entry without a <c>limits</c> block.</summary>
    public static LimitsConfig None { get; } = new(null, null, null, null);
}
