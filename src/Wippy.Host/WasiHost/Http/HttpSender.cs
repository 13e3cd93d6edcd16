using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// Sends the requests of wasi:http/outgoing-handler through one shared <see cref="HttpClient"/>: no redirects, no
/// cookies, no proxy, no decompression (the guest sees the response as the server sent it, as with Wasmtime's
/// implementation), header bytes kept as they are (Latin-1 both ways), a connection pool shared by every guest.
/// </summary>
internal static class HttpSender
{
    /// <summary>The request option carrying its <c>connect-timeout</c> to <see cref="ConnectAsync"/>.</summary>
    private static readonly HttpRequestOptionsKey<TimeSpan> ConnectTimeoutKey = new("wippy.wasi-http.connect-timeout");

    private static readonly HttpClient Client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = ConnectAsync,
        RequestHeaderEncodingSelector = static (_, _) => Encoding.Latin1,
        ResponseHeaderEncodingSelector = static (_, _) => Encoding.Latin1,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>
    /// Where <paramref name="request"/> goes: its absolute URI (<c>http</c> or <c>https</c>, the authority, the path
    /// with query). Fails (the interface's <c>error-code</c>) for a request that cannot be sent: no authority, a scheme
    /// other than HTTP or HTTPS.
    /// </summary>
    /// <exception cref="HttpErrorException">The request cannot be sent as it is.</exception>
    public static Uri Target(OutgoingRequest request)
    {
        var scheme = (request.Scheme ?? "HTTPS").ToUpperInvariant() switch
        {
            "HTTP" => "http",
            "HTTPS" => "https",
            _ => throw new HttpErrorException(HttpErrorCode.ProtocolError, $"the scheme '{request.Scheme}' is not HTTP or HTTPS"),
        };
        if (string.IsNullOrEmpty(request.Authority))
        {
            throw new HttpErrorException(HttpErrorCode.UriInvalid, "the request has no authority (set-authority)");
        }
        var path = request.PathWithQuery ?? "/";
        if (!Uri.TryCreate($"{scheme}://{request.Authority}{(path.StartsWith('/') ? path : "/" + path)}", UriKind.Absolute, out var uri))
        {
            throw new HttpErrorException(HttpErrorCode.UriInvalid, $"'{scheme}://{request.Authority}{path}' is not a URI");
        }
        return uri;
    }

    /// <summary>
    /// Sends <paramref name="request"/> to <paramref name="target"/> (its <see cref="Target"/>, which the caller has
    /// checked against the entry's outbound hosts): its response arrives in the returned future.
    /// </summary>
    public static FutureIncomingResponse Send(OutgoingRequest request, Uri target, RequestOptions? options)
    {
        var message = Message(request, target);
        if (options?.ConnectTimeout is { } connect) message.Options.Set(ConnectTimeoutKey, connect);
        var cancel = new CancellationTokenSource();
        var response = SendAsync(message, options?.FirstByteTimeout, cancel);
        return new FutureIncomingResponse(response, cancel, options?.BetweenBytesTimeout);
    }

    private static HttpRequestMessage Message(OutgoingRequest request, Uri uri)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        if (request.Body is { } body) message.Content = body.Content;
        foreach (var (name, value) in request.Headers.Entries)
        {
            var text = Encoding.Latin1.GetString(value);
            if (message.Headers.TryAddWithoutValidation(name, text)) continue;
            // Content headers (content-type, content-length…) belong to the content; a request without a body gets
            // an empty one to carry them.
            message.Content ??= new ByteArrayContent([]);
            if (name == "content-length") continue; // the body's own content knows its declared length
            message.Content.Headers.TryAddWithoutValidation(name, text);
        }
        return message;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, TimeSpan? firstByte, CancellationTokenSource cancel)
    {
        using var timeout = firstByte is { } limit ? new CancellationTokenSource(limit) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, timeout.Token);
        try
        {
            return await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked?.Token ?? cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout is { IsCancellationRequested: true } && !cancel.IsCancellationRequested)
        {
            throw new HttpErrorException(HttpErrorCode.ConnectionReadTimeout, $"no response within the first-byte timeout ({firstByte})");
        }
    }

    /// <summary>Opens a connection within the request's <c>connect-timeout</c> (none given: only the call's limits bound it).</summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var timeout = context.InitialRequestMessage.Options.TryGetValue(ConnectTimeoutKey, out var limit) ? new CancellationTokenSource(limit) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, linked?.Token ?? cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch (OperationCanceledException) when (timeout is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw new HttpErrorException(HttpErrorCode.ConnectionTimeout, $"the connection to {context.DnsEndPoint} did not open within the connect timeout ({limit})");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
