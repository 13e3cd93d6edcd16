namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types' <c>outgoing-request</c>: what the guest builds before <c>handle</c> sends it. Its headers are the
/// fields it was made with (from then on immutable); each setter checks its value the way an HTTP request line would
/// (a method that is a token, a path without spaces or control characters, an authority that parses as host[:port]).
/// </summary>
internal sealed class OutgoingRequest(HttpFields headers)
{
    /// <summary>The method: a case of the interface's <c>method</c> in upper case (<c>GET</c>) or another token.</summary>
    public string Method { get; private set; } = "GET";

    /// <summary>The path with its query, or null (<c>/</c> when sent).</summary>
    public string? PathWithQuery { get; private set; }

    /// <summary>The scheme (<c>HTTP</c>, <c>HTTPS</c> or another), or null (HTTPS when sent).</summary>
    public string? Scheme { get; private set; }

    /// <summary>The authority (<c>host[:port]</c>), or null (the request cannot be sent without one).</summary>
    public string? Authority { get; private set; }

    /// <summary>The headers, an immutable view (the guest gave them up to the constructor).</summary>
    public HttpFields Headers { get; } = headers.ImmutableView();

    /// <summary>The body, once the guest asked for it (<c>body</c> works once).</summary>
    public OutgoingBody? Body { get; private set; }

    /// <summary>The body the first time; null after that.</summary>
    public OutgoingBody? TakeBody()
    {
        if (Body is not null) return null;
        Body = new OutgoingBody(Headers.ContentLength());
        return Body;
    }

    /// <summary>Sets the method; false when it is not a token.</summary>
    public bool SetMethod(string method)
    {
        if (!HttpFields.IsToken(method)) return false;
        Method = method;
        return true;
    }

    /// <summary>Sets the path with query; false when it has spaces, control or non-ASCII characters.</summary>
    public bool SetPathWithQuery(string? path)
    {
        if (path is not null && !IsVisibleAscii(path)) return false;
        PathWithQuery = path;
        return true;
    }

    /// <summary>Sets the scheme; false for one that is not a scheme (RFC 3986: a letter, then letters, digits, <c>+-.</c>).</summary>
    public bool SetScheme(string? scheme)
    {
        if (scheme is not null && !IsScheme(scheme)) return false;
        Scheme = scheme;
        return true;
    }

    /// <summary>Sets the authority; false when it is not <c>host[:port]</c>.</summary>
    public bool SetAuthority(string? authority)
    {
        if (authority is not null && !IsAuthority(authority)) return false;
        Authority = authority;
        return true;
    }

    private static bool IsVisibleAscii(string text)
    {
        foreach (var c in text)
        {
            if (c <= ' ' || c >= 0x7F) return false;
        }
        return true;
    }

    private static bool IsScheme(string scheme) =>
        scheme.Length > 0 && char.IsAsciiLetter(scheme[0]) && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.');

    private static bool IsAuthority(string authority) =>
        authority.Length > 0 && IsVisibleAscii(authority) && authority.IndexOfAny(['/', '?', '#', '@']) < 0
        && Uri.TryCreate("http://" + authority + "/", UriKind.Absolute, out _);
}

/// <summary>wasi:http/types' <c>request-options</c>: the timeouts of one request (null: none).</summary>
internal sealed class RequestOptions
{
    /// <summary>How long the connection may take to open.</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>How long after sending the response may take to start.</summary>
    public TimeSpan? FirstByteTimeout { get; set; }

    /// <summary>How long the response body may pause between bytes.</summary>
    public TimeSpan? BetweenBytesTimeout { get; set; }
}
