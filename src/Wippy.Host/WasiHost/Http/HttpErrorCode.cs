using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Wippy.Host.GeneratedCode;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// A wasi:http <c>error-code</c>: its case name as the interface writes it (<c>connection-refused</c>,
/// <c>DNS-error</c>, <c>internal-error</c>…) and, for the cases that carry text, the message. What .NET's
/// <see cref="HttpClient"/> reports is mapped to the nearest case by <see cref="From"/>.
/// </summary>
internal sealed record HttpErrorCode(string Case, string? Message = null)
{
    /// <summary>The connection did not open within the request's <c>connect-timeout</c>.</summary>
    public static HttpErrorCode ConnectionTimeout { get; } = new("connection-timeout");

    /// <summary>No response (or no next body bytes) within the request's <c>first-byte-timeout</c> / <c>between-bytes-timeout</c>.</summary>
    public static HttpErrorCode ConnectionReadTimeout { get; } = new("connection-read-timeout");

    /// <summary>The request cannot be made as given (no authority, a path that is not one).</summary>
    public static HttpErrorCode UriInvalid { get; } = new("HTTP-request-URI-invalid");

    /// <summary>The entry's <c>wasi.allowed_outbound_hosts</c> does not allow the request's scheme, host and port: nothing was sent.</summary>
    public static HttpErrorCode RequestDenied { get; } = new("HTTP-request-denied");

    /// <summary>The scheme is neither HTTP nor HTTPS.</summary>
    public static HttpErrorCode ProtocolError { get; } = new("HTTP-protocol-error");

    /// <summary>An error this host has no closer case for.</summary>
    public static HttpErrorCode Internal(string message) => new("internal-error", message);

    /// <summary>The case nearest to what <paramref name="failure"/> (from sending a request or reading its response) says.</summary>
    public static HttpErrorCode From(Exception failure)
    {
        if (Find<HttpErrorException>(failure) is { } known) return known.Code;
        if (failure is AggregateException { InnerExceptions.Count: 1 } aggregate) return From(aggregate.InnerExceptions[0]);
        var socket = Find<SocketException>(failure);
        if (socket is not null)
        {
            switch (socket.SocketErrorCode)
            {
                case SocketError.ConnectionRefused: return new("connection-refused");
                case SocketError.TimedOut: return ConnectionTimeout;
                case SocketError.HostNotFound or SocketError.NoData: return new("DNS-error", socket.Message);
                case SocketError.TryAgain: return new("DNS-timeout");
                case SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.HostDown or SocketError.NetworkDown:
                    return new("destination-unavailable");
                case SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown:
                    return new("connection-terminated");
            }
        }
        if (failure is HttpRequestException request)
        {
            switch (request.HttpRequestError)
            {
                case HttpRequestError.NameResolutionError: return new("DNS-error", request.Message);
                case HttpRequestError.ConnectionError: return new("connection-refused");
                case HttpRequestError.SecureConnectionError: return new("TLS-protocol-error");
                case HttpRequestError.ResponseEnded: return new("HTTP-response-incomplete");
                case HttpRequestError.InvalidResponse: return ProtocolError;
                case HttpRequestError.ConfigurationLimitExceeded: return new("HTTP-response-header-section-size");
                case HttpRequestError.HttpProtocolError: return ProtocolError;
            }
        }
        if (Find<HttpIOException>(failure) is { } io && io.HttpRequestError == HttpRequestError.ResponseEnded) return new("HTTP-response-incomplete");
        if (Find<IOException>(failure) is not null) return new("connection-terminated");
        return Internal(failure.Message);
    }

    private static T? Find<T>(Exception? failure) where T : Exception
    {
        for (; failure is not null; failure = failure.InnerException)
        {
            if (failure is T found) return found;
        }
        return null;
    }

    /// <summary>The <c>error-code</c> value (Wasmtime takes it over), its payload as the case declares it.</summary>
    public ComponentVal ToOwned() => ComponentVal.OwnedVariant(Case, Case switch
    {
        "DNS-error" => Record(("rcode", OptionalString(Message)), ("info-code", ComponentVal.None)),
        "TLS-alert-received" => Record(("alert-id", ComponentVal.None), ("alert-message", OptionalString(Message))),
        "HTTP-request-trailer-size" or "HTTP-response-header-size" or "HTTP-response-trailer-size" => FieldSize(),
        "internal-error" or "HTTP-response-transfer-coding" or "HTTP-response-content-coding" => OptionalString(Message),
        // option<u64>, option<u32> and option<field-size-payload>: nothing known.
        "HTTP-request-body-size" or "HTTP-response-body-size" or "HTTP-request-header-section-size"
            or "HTTP-request-trailer-section-size" or "HTTP-response-header-section-size"
            or "HTTP-response-trailer-section-size" or "HTTP-request-header-size" => ComponentVal.None,
        _ => (ComponentVal?)null,
    });

    /// <summary>
    /// The error code a guest gave (<c>response-outparam.set</c> with <c>err</c>): its case, and the text of the cases
    /// that carry <c>option&lt;string&gt;</c>.
    /// </summary>
    public static HttpErrorCode FromValue(in ComponentVal value)
    {
        var name = value.AsVariant(out var payload);
        var message = payload is { Kind: ComponentValKind.Option } option && option.TryGetSome(out var some) && some.Kind == ComponentValKind.String
            ? some.AsString()
            : null;
        return new HttpErrorCode(name, message);
    }

    /// <summary><c>option&lt;string&gt;</c> (Wasmtime takes it over).</summary>
    public static ComponentVal OptionalString(string? text) => text is null ? ComponentVal.None : ComponentVal.OwnedSome(ComponentVal.OwnedString(text));

    private static ComponentVal FieldSize() => Record(("field-name", ComponentVal.None), ("field-size", ComponentVal.None));

    private static ComponentVal Record(params (string Name, ComponentVal Value)[] fields)
    {
        var record = ComponentVal.OwnedRecord(fields.Length);
        for (var i = 0; i < fields.Length; i++) ComponentVal.SetField(ref record, i, fields[i].Name, fields[i].Value);
        return record;
    }
}

/// <summary>A failure that already knows its <see cref="HttpErrorCode"/> (a timeout the host measured, a request it refused).</summary>
internal sealed class HttpErrorException(HttpErrorCode code, string message) : Exception(message)
{
    /// <summary>The error code.</summary>
    public HttpErrorCode Code { get; } = code;
}
