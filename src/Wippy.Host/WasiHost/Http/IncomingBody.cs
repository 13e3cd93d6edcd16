using System.Net.Http;
using Wippy.Host.HostInterfaces;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types' <c>incoming-body</c>: the body of a response, read through its <c>input-stream</c>
/// (<see cref="Stream"/>, once); <see cref="Finish"/> gives the trailers after the rest of the body. Owns the
/// response: dropping it closes the connection's stream.
/// </summary>
internal sealed class IncomingBody(HttpResponseMessage message, TimeSpan? betweenBytes) : IDisposable
{
    private ResponseBodyStream? _stream;
    private bool _handedOver;

    /// <summary>The input stream the first time; null after that.</summary>
    public InputStream? Stream()
    {
        if (_stream is not null) return null;
        _stream = new ResponseBodyStream(message.Content.ReadAsStream(), betweenBytes);
        return _stream;
    }

    /// <summary>The trailers, once what is left of the body has been read (the response moves to them).</summary>
    /// <exception cref="HostResourceException">The guest still holds the body's input-stream (a child it must drop first).</exception>
    public FutureTrailers Finish()
    {
        if (_stream is { IsDropped: false }) throw new HostResourceException("the body's input-stream must be dropped before finish");
        _handedOver = true;
        return new FutureTrailers(message, _stream);
    }

    /// <summary>Disposes the response (unless <see cref="Finish"/> handed it on).</summary>
    public void Dispose()
    {
        if (!_handedOver) message.Dispose();
    }
}

/// <summary>
/// A response body as wasi:io's <c>input-stream</c>. One read runs at a time on the connection's stream; what it
/// returned is served to the guest's reads, and <see cref="Subscribe"/> waits for the read in flight, so a guest
/// never blocks in a way its call's limits cannot end.
/// </summary>
internal sealed class ResponseBodyStream(Stream content, TimeSpan? betweenBytes) : InputStream, IDisposable
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
/// the response's trailers (none when it sent none), or the error that ended the body. Owns the response.
/// </summary>
internal sealed class FutureTrailers : IDisposable
{
    private readonly HttpResponseMessage _message;
    private readonly CancellationTokenSource _cancel = new();
    private readonly Task<HttpFields?> _trailers;
    private bool _taken;

    /// <summary>The trailers of <paramref name="message"/>, after <paramref name="stream"/> (or the unread body) ends.</summary>
    public FutureTrailers(HttpResponseMessage message, ResponseBodyStream? stream)
    {
        _message = message;
        _trailers = ReadAsync(message, stream, _cancel.Token);
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

    private static async Task<HttpFields?> ReadAsync(HttpResponseMessage message, ResponseBodyStream? stream, CancellationToken cancellationToken)
    {
        if (stream is not null)
        {
            if (!stream.AtEnd) await stream.DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await message.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }
        return message.TrailingHeaders.Any() ? IncomingResponse.FieldsOf(message.TrailingHeaders).ImmutableView() : null;
    }

    /// <summary>Stops reading and disposes the response.</summary>
    public void Dispose()
    {
        _cancel.Cancel();
        _trailers.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _message.Dispose();
        _cancel.Dispose();
    }
}
