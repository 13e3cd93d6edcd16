namespace Wippy.Http;

/// <summary>
/// What the wasi-http transport needs of a function's WIT signature (<c>greet: func(body: string) -&gt; string</c>):
/// whether the export takes the body, and how its result becomes the response.
/// </summary>
/// <param name="TakesBody">The export has one (string) parameter: the request body.</param>
/// <param name="Result">How the result is written.</param>
internal readonly record struct TransportSignature(bool TakesBody, TransportResult Result)
{
    /// <summary>Reads <paramref name="witSignature"/>, as the generator writes it.</summary>
    public static TransportSignature Of(string witSignature)
    {
        var open = witSignature.IndexOf("func(", StringComparison.Ordinal);
        var close = open < 0 ? -1 : witSignature.IndexOf(')', open);
        var takesBody = close > open + 5 && !string.IsNullOrWhiteSpace(witSignature[(open + 5)..close]);
        var arrow = close < 0 ? -1 : witSignature.IndexOf("->", close, StringComparison.Ordinal);
        var result = arrow < 0 ? "" : witSignature[(arrow + 2)..].Trim().TrimEnd(';').Trim();
        return new TransportSignature(takesBody, result switch
        {
            "" => TransportResult.None,
            "string" => TransportResult.Text,
            "list<u8>" => TransportResult.Bytes,
            _ => TransportResult.Json,
        });
    }
}

/// <summary>How a transport function's result becomes the response.</summary>
internal enum TransportResult
{
    /// <summary>No result: 204.</summary>
    None,

    /// <summary><c>string</c>: 200 <c>text/plain; charset=utf-8</c>.</summary>
    Text,

    /// <summary><c>list&lt;u8&gt;</c>: 200 <c>application/octet-stream</c>.</summary>
    Bytes,

    /// <summary>Anything else: 200 JSON, as the JSON binder writes it.</summary>
    Json,
}
