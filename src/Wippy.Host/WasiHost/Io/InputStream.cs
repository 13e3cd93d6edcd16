namespace Wippy.Host.WasiHost.Io;

/// <summary>
/// wasi:io/streams' <c>input-stream</c>: bytes the guest reads. <see cref="Read"/> never blocks (it returns what is
/// there, possibly nothing); the blocking variants wait on <see cref="Subscribe"/> within the call's limits.
/// </summary>
internal abstract class InputStream
{
    /// <summary>Reads at most <paramref name="max"/> bytes that are available now.</summary>
    /// <returns>The bytes (empty: none yet), or <see cref="StreamResult.Closed"/> / a failure.</returns>
    public abstract StreamRead Read(int max);

    /// <summary>A pollable ready when <see cref="Read"/> would return bytes or the end.</summary>
    public abstract Pollable Subscribe();
}

/// <summary>The result of a read: the bytes, or why there are none.</summary>
/// <param name="Bytes">The bytes read (none on failure or at the end).</param>
/// <param name="Status">How the read ended.</param>
/// <param name="Failure">Why it failed, for people.</param>
/// <param name="Code">The interface's own error for a failure, which <see cref="IoError.Code"/> carries.</param>
internal readonly record struct StreamRead(byte[]? Bytes, StreamResult Status, string? Failure = null, object? Code = null)
{
    /// <summary>Bytes read (maybe none).</summary>
    public static StreamRead Of(byte[] bytes) => new(bytes, StreamResult.Ok);

    /// <summary>The read failed; the stream cannot be used any more.</summary>
    public static StreamRead Failed(string failure, object? code = null) => new(null, StreamResult.Failed, failure, code);

    /// <summary>The stream is at its end.</summary>
    public static StreamRead Closed { get; } = new(null, StreamResult.Closed);
}

/// <summary>How a stream operation ended.</summary>
internal enum StreamResult
{
    /// <summary>It worked.</summary>
    Ok,

    /// <summary>The stream is closed: no more bytes (input) or none accepted (output).</summary>
    Closed,

    /// <summary>It failed; the stream cannot be used any more.</summary>
    Failed,
}

/// <summary>An input stream with nothing in it: the guest's stdin.</summary>
internal sealed class EmptyInputStream : InputStream
{
    /// <inheritdoc />
    public override StreamRead Read(int max) => StreamRead.Closed;

    /// <inheritdoc />
    public override Pollable Subscribe() => ReadyPollable.Instance;
}
