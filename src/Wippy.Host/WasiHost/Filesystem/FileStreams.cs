using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Filesystem;

/// <summary>A file read from an offset (<c>read-via-stream</c>): reads never wait, so the stream is always ready.</summary>
internal sealed class FileInputStream(FileStream file, long offset) : InputStream
{
    private long _offset = offset;

    /// <inheritdoc />
    public override StreamRead Read(int max)
    {
        try
        {
            var buffer = new byte[max];
            var read = RandomAccess.Read(file.SafeFileHandle, buffer, _offset);
            if (read == 0 && max > 0) return StreamRead.Closed;
            _offset += read;
            return StreamRead.Of(read == buffer.Length ? buffer : buffer[..read]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            return StreamRead.Failed(e.Message, FilesystemError.CodeOf(e));
        }
    }

    /// <inheritdoc />
    public override Pollable Subscribe() => ReadyPollable.Instance;
}

/// <summary>A file written from an offset, or at its end (<c>write-via-stream</c>, <c>append-via-stream</c>).</summary>
internal sealed class FileOutputStream(FileStream file, long offset, bool append) : OutputStream
{
    private long _offset = offset;
    private string? _failure;

    /// <inheritdoc />
    public override string? Failure => _failure;

    /// <inheritdoc />
    public override (ulong Permitted, StreamResult Status) CheckWrite() => (ImmediateBudget, _failure is null ? StreamResult.Ok : StreamResult.Failed);

    /// <inheritdoc />
    public override StreamResult Write(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var at = append ? RandomAccess.GetLength(file.SafeFileHandle) : _offset;
            RandomAccess.Write(file.SafeFileHandle, bytes, at);
            _offset = at + bytes.Length;
            return StreamResult.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _failure = e.Message;
            return StreamResult.Failed;
        }
    }

    /// <inheritdoc />
    public override StreamResult Flush() => _failure is null ? StreamResult.Ok : StreamResult.Failed;

    /// <inheritdoc />
    public override Pollable Subscribe() => ReadyPollable.Instance;
}
