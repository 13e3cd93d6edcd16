using System.Net;
using System.Net.Http;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types' <c>outgoing-body</c>: the bytes of a request the guest sends, or of a response it serves, written
/// through its <c>output-stream</c> (<see cref="Write"/>, once); the connection reads them as they come
/// (<see cref="Content"/> for a request, <see cref="CopyToAsync"/> for a response), so a body is streamed, not held
/// whole. <see cref="Finish"/> ends it; dropping it unfinished fails the message (a truncated body must not look
/// complete).
/// </summary>
/// <param name="declaredLength">The message's <c>content-length</c>, which the body must match, or null.</param>
/// <param name="forResponse">A response's body (it can carry trailers; a request's cannot: .NET's client sends none).</param>
internal sealed class OutgoingBody(long? declaredLength, bool forResponse = false) : IDisposable
{
    private readonly BodyPipe _pipe = new();
    private bool _streamTaken;

    /// <summary>Whether <see cref="Finish"/> ran.</summary>
    public bool IsFinished { get; private set; }

    /// <summary>The trailers <see cref="Finish"/> was given (null: none).</summary>
    public HttpFields? Trailers { get; private set; }

    /// <summary>The request content that sends what the guest writes.</summary>
    public HttpContent Content => new GuestBodyContent(_pipe, declaredLength);

    /// <summary>Copies what the guest writes to <paramref name="destination"/> until the body is finished; throws when it failed.</summary>
    public Task CopyToAsync(Stream destination, CancellationToken cancellationToken) => _pipe.CopyToAsync(destination, cancellationToken);

    /// <summary>
    /// Fails the body unless it was finished (the guest dropped it, or its call ended): the reader gets what was written
    /// before, then throws <paramref name="failure"/>.
    /// </summary>
    public void AbortUnfinished(Exception failure)
    {
        if (!IsFinished) _pipe.FailWriter(failure);
    }

    /// <summary>The output stream the first time; null after that.</summary>
    public OutputStream? Write()
    {
        if (_streamTaken) return null;
        _streamTaken = true;
        return new BodyOutputStream(_pipe);
    }

    /// <summary>
    /// Ends the body, with <paramref name="trailers"/> (null: none); the error when the bytes written are not as many as
    /// the message's <c>content-length</c> says, or when it cannot send the trailers given.
    /// </summary>
    public HttpErrorCode? Finish(HttpFields? trailers)
    {
        if (trailers is not null && trailers.Entries.Any())
        {
            if (!forResponse)
            {
                // HTTP/1.1 requests from .NET's client carry no trailers; refusing beats dropping them unseen.
                Dispose();
                return HttpErrorCode.Internal("this host does not send request trailers");
            }
            Trailers = trailers;
        }
        IsFinished = true;
        if (declaredLength is { } declared && _pipe.Written != declared)
        {
            var error = new HttpErrorCode(forResponse ? "HTTP-response-body-size" : "HTTP-request-body-size");
            _pipe.FailWriter(new HttpErrorException(error, $"the body has {_pipe.Written} bytes, its content-length says {declared}"));
            return error;
        }
        _pipe.Finish();
        return null;
    }

    /// <summary>The request was not sent (<c>handle</c> refused it): what the guest still writes goes nowhere rather than fill the pipe.</summary>
    public void Refused(HttpErrorException failure) => _pipe.Abort(failure);

    /// <summary>A body dropped without <see cref="Finish"/> fails its message (a truncated body must not look complete).</summary>
    public void Dispose() =>
        AbortUnfinished(new HttpErrorException(HttpErrorCode.Internal("the body was dropped before finish"), "the guest dropped the body before finishing it"));

    /// <summary>The guest's side of the pipe: writes are queued for the request content, up to a budget.</summary>
    private sealed class BodyOutputStream(BodyPipe pipe) : OutputStream
    {
        // Once the reader is gone (the connection closed, the message failed), writes fail: the guest stops writing.
        public override (ulong Permitted, StreamResult Status) CheckWrite() =>
            pipe.Failure is null ? ((ulong)pipe.Permitted, StreamResult.Ok) : (0, StreamResult.Failed);

        public override StreamResult Write(ReadOnlySpan<byte> bytes)
        {
            if (pipe.Failure is not null) return StreamResult.Failed;
            pipe.Write(bytes);
            return StreamResult.Ok;
        }

        public override string? Failure => pipe.Failure?.Message;

        // Queued bytes go out as the connection takes them; a flush waits for room, not for the network.
        public override StreamResult Flush() => StreamResult.Ok;

        public override Pollable Subscribe() => new PipeRoomPollable(pipe);
    }

    /// <summary>Ready when the pipe has room for more bytes.</summary>
    private sealed class PipeRoomPollable(BodyPipe pipe) : Pollable
    {
        public override bool IsReady(long now) => pipe.Permitted > 0;

        public override Task? Signal => pipe.RoomSignal;
    }

    /// <summary>The request content: copies what the guest writes to the connection until the body is finished.</summary>
    private sealed class GuestBodyContent : HttpContent
    {
        private readonly BodyPipe _pipe;

        public GuestBodyContent(BodyPipe pipe, long? declaredLength)
        {
            _pipe = pipe;
            if (declaredLength is { } length) Headers.ContentLength = length;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _pipe.CopyToAsync(stream, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _pipe.CopyToAsync(stream, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>
/// The bytes between a guest writing a request body (on its own thread) and the connection sending them (on the
/// thread pool). Holds at most <see cref="Budget"/> bytes; a writer that finds no room waits on
/// <see cref="RoomSignal"/>. Once the reader is gone (the request failed or was dropped) writes are dropped.
/// </summary>
internal sealed class BodyPipe
{
    /// <summary>The most bytes waiting to be sent.</summary>
    public const int Budget = 1 << 20;

    private readonly object _gate = new();
    private readonly Queue<byte[]> _chunks = new();
    private int _queued;
    private bool _finished;
    private Exception? _aborted;
    private Exception? _writerFailure;
    private TaskCompletionSource _data = NewSignal();
    private TaskCompletionSource _room = NewSignal();

    /// <summary>All bytes written so far.</summary>
    public long Written { get; private set; }

    /// <summary>Why the body failed (the reader is gone), or null.</summary>
    public Exception? Failure
    {
        get
        {
            lock (_gate) return _aborted;
        }
    }

    /// <summary>How many bytes may be written now.</summary>
    public int Permitted
    {
        get
        {
            lock (_gate) return Budget - _queued;
        }
    }

    /// <summary>Completes when there is room (at once when there is room already).</summary>
    public Task RoomSignal
    {
        get
        {
            lock (_gate) return Armed(ref _room, Budget - _queued > 0 || _aborted is not null);
        }
    }

    /// <summary>Queues a copy of <paramref name="bytes"/>.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        lock (_gate)
        {
            Written += bytes.Length;
            if (_aborted is not null || _writerFailure is not null || _finished) return;
            _chunks.Enqueue(bytes.ToArray());
            _queued += bytes.Length;
            Pulse(ref _data);
        }
    }

    /// <summary>No more bytes: the reader ends after what is queued.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            _finished = true;
            Pulse(ref _data);
        }
    }

    /// <summary>
    /// The writer failed (it stopped before finishing): the reader gets what is queued, then throws
    /// <paramref name="failure"/>; later writes are dropped.
    /// </summary>
    public void FailWriter(Exception failure)
    {
        lock (_gate)
        {
            if (_finished || _aborted is not null) return;
            _writerFailure ??= failure;
            Pulse(ref _data);
            Pulse(ref _room);
        }
    }

    /// <summary>The body failed (its reader is gone): the reader throws <paramref name="failure"/>; later writes are dropped.</summary>
    public void Abort(Exception failure)
    {
        lock (_gate)
        {
            _aborted ??= failure;
            _chunks.Clear();
            _queued = 0;
            Pulse(ref _data);
            Pulse(ref _room);
        }
    }

    /// <summary>Copies every byte to <paramref name="destination"/> until the body is finished.</summary>
    public async Task CopyToAsync(Stream destination, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                byte[]? chunk = null;
                Task? wait = null;
                lock (_gate)
                {
                    if (_aborted is not null) throw _aborted;
                    if (!_chunks.TryDequeue(out chunk))
                    {
                        if (_writerFailure is not null) throw _writerFailure;
                        if (_finished) return;
                        wait = Armed(ref _data, condition: false);
                    }
                }
                if (chunk is null)
                {
                    await wait!.WaitAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }
                await destination.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    _queued -= chunk.Length;
                    Pulse(ref _room);
                }
            }
        }
        catch (Exception e) when (e is not HttpErrorException && !ReferenceEquals(e, _writerFailure))
        {
            // The connection is gone: the guest's next writes go nowhere rather than fill the pipe.
            Abort(e);
            throw;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Wakes whoever waits on <paramref name="signal"/> (called under the lock).</summary>
    private static void Pulse(ref TaskCompletionSource signal) => signal.TrySetResult();

    /// <summary>
    /// The task to wait on for a condition checked under the lock: complete when <paramref name="condition"/> holds
    /// already, otherwise one the next <see cref="Pulse"/> completes (a fresh one if the last was used up). Checking and
    /// arming under one lock is what keeps a wake-up from being lost between the check and the wait.
    /// </summary>
    private static Task Armed(ref TaskCompletionSource signal, bool condition)
    {
        if (condition) return Task.CompletedTask;
        if (signal.Task.IsCompleted) signal = NewSignal();
        return signal.Task;
    }
}
