namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// wasi:http/types' <c>outgoing-response</c>: what a <c>wasi:http/incoming-handler</c> guest builds as its answer
/// before it hands it to the server through its <see cref="ResponseOutparam"/>. Its headers are the fields it was
/// made with (from then on immutable); its body (<see cref="TakeBody"/>, once) may be written before or after that.
/// </summary>
internal sealed class OutgoingResponse(HttpFields headers)
{
    /// <summary>The status code (200 until set).</summary>
    public ushort Status { get; private set; } = 200;

    /// <summary>The headers, an immutable view (the guest gave them up to the constructor).</summary>
    public HttpFields Headers { get; } = headers.ImmutableView();

    /// <summary>The body, once the guest asked for it.</summary>
    public OutgoingBody? Body { get; private set; }

    /// <summary>Sets the status; false for a code HTTP has no room for (outside 100–999, as Wasmtime's check).</summary>
    public bool SetStatus(ushort status)
    {
        if (status is < 100 or > 999) return false;
        Status = status;
        return true;
    }

    /// <summary>The body the first time; null after that. Responses can carry trailers.</summary>
    public OutgoingBody? TakeBody()
    {
        if (Body is not null) return null;
        Body = new OutgoingBody(Headers.ContentLength(), forResponse: true);
        return Body;
    }
}

/// <summary>
/// wasi:http/types' <c>response-outparam</c>: where a <c>wasi:http/incoming-handler</c> guest puts its answer, once
/// (<c>set</c>). It leads to the request's <see cref="HttpHandlerExchange"/>, whose server then sends it.
/// </summary>
internal sealed class ResponseOutparam(HttpHandlerExchange exchange)
{
    /// <summary>The exchange the answer goes to.</summary>
    public HttpHandlerExchange Exchange { get; } = exchange;
}
