using Wippy.Host.HostInterfaces;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types' <c>incoming-body</c>: the body of a response the guest received or of a request it serves, read
/// through its <c>input-stream</c> (<see cref="Stream"/>, once); <see cref="Finish"/> gives the trailers after the rest
/// of the body. Owns what the body came with (<paramref name="owner"/>: a response message): dropping the body
/// disposes it.
/// </summary>
/// <param name="open">Opens the body's bytes (called once, when the guest asks for the stream or the trailers).</param>
/// <param name="trailers">The trailers, asked once the body was read to its end (null: none).</param>
/// <param name="owner">Disposed with the body (or with the trailers, once <see cref="Finish"/> handed it on).</param>
/// <param name="betweenBytes">How long a read may wait for bytes (null: only the call's limits).</param>
internal sealed class IncomingBody(Func<Stream> open, Func<HttpFields?> trailers, IDisposable? owner, TimeSpan? betweenBytes) : IDisposable
{
    private IncomingBodyStream? _stream;
    private bool _handedOver;

    /// <summary>The input stream the first time; null after that.</summary>
    public InputStream? Stream()
    {
        if (_stream is not null) return null;
        _stream = new IncomingBodyStream(open(), betweenBytes);
        return _stream;
    }

    /// <summary>The trailers, once what is left of the body has been read (the owner moves to them).</summary>
    /// <exception cref="HostResourceException">The guest still holds the body's input-stream (a child it must drop first).</exception>
    public FutureTrailers Finish()
    {
        if (_stream is { IsDropped: false }) throw new HostResourceException("the body's input-stream must be dropped before finish");
        _handedOver = true;
        return new FutureTrailers(_stream ?? new IncomingBodyStream(open(), betweenBytes), trailers, owner);
    }

    /// <summary>Disposes the owner (unless <see cref="Finish"/> handed it on).</summary>
    public void Dispose()
    {
        if (!_handedOver) owner?.Dispose();
    }
}

/// <summary>
/// A .NET stream as wasi:io's <c>input-stream</c>: an incoming body (of a response, or of a request served), or a
/// command's stdin. One read runs at a time on the connection's stream; what it
/// returned is served to the guest's reads, and <see cref="Subscribe"/> waits for the read in flight, so a guest
/// never blocks in a way its call's limits cannot end.
/// </summary>
internal sealed class IncomingBodyStream(Stream content, TimeSpan? betweenBytes) : InputStream, IDisposable
{
    private readonly byte[] _buffer = new byte[StreamsInterface.MaxReadBytes];
    private Task<int>? _pending;
    private CancellationTokenSource? _pause;
    private int _start;
    private int _end;
    private bool _closed;
    private string? _failure;
    private HttpErrorCode? _failureCode;

    /// <summary>Whether the whole body has been read.</summary>
    public bool AtEnd => _closed && _failure is null && _start == _end;

    /// <summary>Whether the guest dropped its handle.</summary>
    public bool IsDropped { get; private set; }

    /// <inheritdoc />
    public override StreamRead Read(int max)
    {
        if (_start == _end) Collect();
        if (_start < _end)
        {
            var take = Math.Min(max, _end - _start);
            var bytes = _buffer.AsSpan(_start, take).ToArray();
            _start += take;
            return StreamRead.Of(bytes);
        }
        if (_failure is not null) return StreamRead.Failed(_failure, _failureCode);
        if (_closed) return StreamRead.Closed;
        Start();
        return StreamRead.Of([]);
    }

    /// <inheritdoc />
    public override Pollable Subscribe()
    {
        if (_start == _end) Collect();
        if (_start < _end || _closed) return ReadyPollable.Instance;
        Start();
        return new TaskPollable(_pending!);
    }

    /// <summary>Reads the rest of the body (for the trailers), on the thread pool.</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        if (_pending is { } pending) await pending.ConfigureAwait(false);
        await content.CopyToAsync(System.IO.Stream.Null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the result of a finished read into the buffer.</summary>
    private void Collect()
    {
        if (_pending is not { IsCompleted: true } done) return;
        _pending = null;
        _pause?.Dispose();
        _pause = null;
        if (done.IsCompletedSuccessfully)
        {
            _start = 0;
            _end = done.Result;
            if (_end == 0) _closed = true;
            return;
        }
        var failure = done.Exception?.InnerException;
        _closed = true;
        _failureCode = failure is OperationCanceledException ? HttpErrorCode.ConnectionReadTimeout : HttpErrorCode.From(failure!);
        _failure = failure is OperationCanceledException
            ? $"no body bytes arrived within the between-bytes timeout ({betweenBytes})"
            : failure!.Message;
    }

    /// <summary>Starts a read unless one is in flight or the body ended.</summary>
    private void Start()
    {
        if (_pending is not null || _closed) return;
        var token = CancellationToken.None;
        if (betweenBytes is { } pause)
        {
            _pause = new CancellationTokenSource(pause);
            token = _pause.Token;
        }
        _pending = content.ReadAsync(_buffer, token).AsTask();
    }

    /// <summary>
    /// The guest dropped the stream. The connection's stream stays open: it belongs to the body, whose
    /// <c>finish</c> may still read on to the trailers (and whose drop closes it).
    /// </summary>
    public void Dispose()
    {
        IsDropped = true;
        _pending?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _pause?.Dispose();
    }
}

/// <summary>
/// wasi:http/types' <c>future-trailers</c>: ready once the rest of the body has been read (on the thread pool); then
/// the trailers (none when there were none), or the error that ended the body. Owns what the body came with.
/// </summary>
internal sealed class FutureTrailers : IDisposable
{
    private readonly IDisposable? _owner;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task<HttpFields?> _trailers;
    private bool _taken;

    /// <summary>The trailers <paramref name="trailers"/> gives once <paramref name="stream"/> is read to its end.</summary>
    public FutureTrailers(IncomingBodyStream stream, Func<HttpFields?> trailers, IDisposable? owner)
    {
        _owner = owner;
        _trailers = ReadAsync(stream, trailers, _cancel.Token);
    }

    /// <summary>A pollable ready when the trailers (or a failure) arrived.</summary>
    public Pollable Subscribe() => new TaskPollable(_trailers);

    /// <summary>Null while not ready; then once the trailers (null: none) or the error; after that, <c>AlreadyTaken</c>.</summary>
    public (HttpFields? Trailers, HttpErrorCode? Error, bool AlreadyTaken)? Get()
    {
        if (!_trailers.IsCompleted) return null;
        if (_taken) return (null, null, true);
        _taken = true;
        return _trailers.IsCompletedSuccessfully
            ? (_trailers.Result, null, false)
            : (null, HttpErrorCode.From(_trailers.Exception?.InnerException ?? new OperationCanceledException()), false);
    }

    private static async Task<HttpFields?> ReadAsync(IncomingBodyStream stream, Func<HttpFields?> trailers, CancellationToken cancellationToken)
    {
        if (!stream.AtEnd) await stream.DrainAsync(cancellationToken).ConfigureAwait(false);
        return trailers()?.ImmutableView();
    }

    /// <summary>Stops reading and disposes the owner.</summary>
    public void Dispose()
    {
        _cancel.Cancel();
        _trailers.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _owner?.Dispose();
        _cancel.Dispose();
    }
}
