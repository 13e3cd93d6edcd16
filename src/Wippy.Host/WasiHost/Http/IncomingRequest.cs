namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types' <c>incoming-request</c>: a request the server received, as a <c>wasi:http/incoming-handler</c>
/// guest sees it. Its headers are an immutable view; its body is read through <see cref="Consume"/> (once), streamed
/// from the connection as the guest reads it.
/// </summary>
internal sealed class IncomingRequest
{
    private readonly Func<Stream> _body;
    private readonly Func<HttpFields?> _trailers;
    private bool _consumed;

    /// <summary>A request as the server received it.</summary>
    /// <param name="method">The method, upper case for the standard ones (<c>GET</c>).</param>
    /// <param name="pathWithQuery">The request target's path and query (<c>/hello/World?x=1</c>), or null.</param>
    /// <param name="scheme"><c>HTTP</c>, <c>HTTPS</c> or another scheme's name, or null.</param>
    /// <param name="authority">The authority (<c>host[:port]</c>), or null.</param>
    /// <param name="headers">The headers (the request keeps an immutable view).</param>
    /// <param name="body">Opens the body's bytes (called once, when the guest reads the body).</param>
    /// <param name="trailers">The trailers, once the body was read to its end (null: none).</param>
    public IncomingRequest(string method, string? pathWithQuery, string? scheme, string? authority, HttpFields headers, Func<Stream> body, Func<HttpFields?> trailers)
    {
        Method = method;
        PathWithQuery = pathWithQuery;
        Scheme = scheme;
        Authority = authority;
        Headers = headers.ImmutableView();
        _body = body;
        _trailers = trailers;
    }

    /// <summary>The method.</summary>
    public string Method { get; }

    /// <summary>The path with its query, or null.</summary>
    public string? PathWithQuery { get; }

    /// <summary>The scheme, or null.</summary>
    public string? Scheme { get; }

    /// <summary>The authority, or null.</summary>
    public string? Authority { get; }

    /// <summary>The headers (immutable).</summary>
    public HttpFields Headers { get; }

    /// <summary>The body the first time; null after that. The server owns the connection, so the body owns nothing.</summary>
    public IncomingBody? Consume()
    {
        if (_consumed) return null;
        _consumed = true;
        return new IncomingBody(_body, _trailers, owner: null, betweenBytes: null);
    }
}
