namespace Wippy.Host.WasiHost.Io;

/// <summary>
/// wasi:io/streams' <c>output-stream</c>: bytes the guest writes. The guest asks how much it may write
/// (<see cref="CheckWrite"/>), writes at most that, and flushes; the blocking variants wait on
/// <see cref="Subscribe"/> within the call's limits.
/// </summary>
internal abstract class OutputStream
{
    /// <summary>What a stream that writes straight through (to the log, to a file) permits at a time.</summary>
    public const ulong ImmediateBudget = 1 << 20;

    /// <summary>How many bytes <see cref="Write"/> accepts now (0: wait on <see cref="Subscribe"/>), or closed/failed.</summary>
    public abstract (ulong Permitted, StreamResult Status) CheckWrite();

    /// <summary>Writes <paramref name="bytes"/> (no more than <see cref="CheckWrite"/> permitted).</summary>
    public abstract StreamResult Write(ReadOnlySpan<byte> bytes);

    /// <summary>Starts sending what was written; <see cref="Subscribe"/> is ready once it is sent.</summary>
    public abstract StreamResult Flush();

    /// <summary>Why the last operation failed (for <c>last-operation-failed</c>), or null.</summary>
    public virtual string? Failure => null;

    /// <summary>A pollable ready when <see cref="CheckWrite"/> permits bytes again (or the stream closed).</summary>
    public abstract Pollable Subscribe();
}
