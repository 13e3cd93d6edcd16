using System.Net.Http;
using System.Text;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types' <c>future-incoming-response</c>: the response of a request <c>handle</c> sent, arriving on the
/// thread pool while the guest goes on. <see cref="Get"/> hands it over once; dropped unanswered, the request is
/// cancelled (and a response that still arrives is disposed), so nothing outlives the guest's handle.
/// </summary>
internal sealed class FutureIncomingResponse(Task<HttpResponseMessage> response, CancellationTokenSource cancel, TimeSpan? betweenBytes) : IDisposable
{
    private bool _taken;

    /// <summary>A pollable ready when the response (or its failure) arrived.</summary>
    public Pollable Subscribe() => new TaskPollable(response);

    /// <summary>
    /// Null while it has not arrived; then once the response or the failure's error code; after that,
    /// <c>AlreadyTaken</c>.
    /// </summary>
    public (IncomingResponse? Response, HttpErrorCode? Error, bool AlreadyTaken)? Get()
    {
        if (!response.IsCompleted) return null;
        if (_taken) return (null, null, true);
        _taken = true;
        if (response.IsCompletedSuccessfully) return (new IncomingResponse(response.Result, betweenBytes), null, false);
        return (null, HttpErrorCode.From(response.Exception?.InnerException ?? new OperationCanceledException()), false);
    }

    /// <summary>Cancels the request unless its response was handed over.</summary>
    public void Dispose()
    {
        if (_taken) return;
        _taken = true;
        cancel.Cancel();
        response.ContinueWith(static t =>
        {
            if (t.IsCompletedSuccessfully) t.Result.Dispose();
            _ = t.Exception;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}

/// <summary>
/// wasi:http/types' <c>incoming-response</c>: status, headers (an immutable view of the response's, names lower-case,
/// values as the bytes received) and the body (<see cref="Consume"/>, once).
/// </summary>
internal sealed class IncomingResponse : IDisposable
{
    private readonly HttpResponseMessage _message;
    private readonly TimeSpan? _betweenBytes;
    private bool _consumed;

    /// <summary>The response <paramref name="message"/>, its body read with pauses of at most <paramref name="betweenBytes"/>.</summary>
    public IncomingResponse(HttpResponseMessage message, TimeSpan? betweenBytes)
    {
        _message = message;
        _betweenBytes = betweenBytes;
        Headers = FieldsOf(message.Headers.Concat(message.Content.Headers)).ImmutableView();
    }

    /// <summary>The status code.</summary>
    public ushort Status => (ushort)_message.StatusCode;

    /// <summary>The headers (immutable).</summary>
    public HttpFields Headers { get; }

    /// <summary>The body the first time; null after that. The body then owns the response.</summary>
    public IncomingBody? Consume()
    {
        if (_consumed) return null;
        _consumed = true;
        var message = _message;
        return new IncomingBody(
            message.Content.ReadAsStream,
            () => message.TrailingHeaders.Any() ? FieldsOf(message.TrailingHeaders) : null,
            message,
            _betweenBytes);
    }

    /// <summary>Disposes the response unless its body was taken (the body disposes it then).</summary>
    public void Dispose()
    {
        if (!_consumed) _message.Dispose();
    }

    /// <summary>
    /// Fields from .NET headers. Values were decoded as Latin-1 (the handler's header encoding), so encoding them back
    /// gives the bytes received.
    /// </summary>
    public static HttpFields FieldsOf(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        var fields = new HttpFields();
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                // A response may carry names the guest may not set (connection, transfer-encoding): keep them, as
                // Wasmtime does; only what cannot be a field at all is left out.
                fields.AppendReceived(name, Encoding.Latin1.GetBytes(value));
            }
        }
        return fields;
    }
}
