using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Wippy.Host;
using Wippy.Host.WasiHost.Http;
using Wippy.Security;

namespace Wippy.Http;

/// <summary>
/// An endpoint served by a component that exports the standard <c>wasi:http/incoming-handler</c>, as Spin and
/// <c>wasmtime serve</c> serve them: the guest gets the request (method, target, headers, and the body streamed as it
/// reads it) and answers through its response outparam; the response starts as soon as the guest sets it, and its body
/// is copied to the client while the guest writes it, so neither body is ever held whole.
/// </summary>
/// <remarks>
/// What can go wrong, and what the client sees:
/// <list type="bullet">
/// <item>the call fails before the guest set a response (denied, trapped, timed out): the status of the error's kind
/// and the JSON error body, as for every endpoint (<see cref="HttpErrors"/>);</item>
/// <item>the guest returns without setting a response: 500;</item>
/// <item>the guest answers with an <c>error-code</c> instead of a response: 500 naming it;</item>
/// <item>the body fails after the response started (a trap mid-body, a body dropped unfinished, a content-length not
/// met): the connection is aborted, so the client sees a truncated response as one, never as complete.</item>
/// </list>
/// </remarks>
internal sealed class IncomingHandlerEndpoint(WasmFunctionHandle function)
{
    /// <summary>Serves one request.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        var aborted = http.RequestAborted;
        // The body is streamed to the guest, never held whole, so Kestrel's request body limit (30 MB by default) is lifted.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } cap) cap.MaxRequestBodySize = null;

        var exchange = new HttpHandlerExchange(RequestOf(http));
        Task guest;
        using (CallContext.Enter(RequestActor.ContextOf(http)))
        {
            guest = function.ServeHttpAsync(exchange, aborted);
        }

        GuestHttpResponse response;
        try
        {
            response = await exchange.Response.ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            await AnswerFailureAsync(http, failure).ConfigureAwait(false);
            await Observe(guest).ConfigureAwait(false);
            return;
        }

        await SendAsync(http, response, aborted).ConfigureAwait(false);
        await Observe(guest).ConfigureAwait(false);
    }

    /// <summary>The request as the guest sees it: the target as the client sent it, header values as Latin-1 bytes.</summary>
    private static IncomingRequest RequestOf(HttpContext http)
    {
        var request = http.Request;
        var headers = new HttpFields();
        foreach (var (name, values) in request.Headers)
        {
            if (name.StartsWith(':')) continue; // HTTP/2 pseudo-headers are the method, target and authority
            foreach (var value in values)
            {
                if (value is not null) headers.AppendReceived(name, Encoding.Latin1.GetBytes(value));
            }
        }
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var pathWithQuery = target is { Length: > 0 } && target[0] == '/' ? target : request.PathBase + request.Path + request.QueryString;
        var scheme = request.Scheme.ToUpperInvariant() is "HTTP" or "HTTPS" ? request.Scheme.ToUpperInvariant() : request.Scheme;
        return new IncomingRequest(
            request.Method, pathWithQuery, scheme, request.Host.HasValue ? request.Host.Value : null, headers,
            () => request.Body,
            () => TrailersOf(http));
    }

    /// <summary>The request's trailers (HTTP/2, chunked HTTP/1.1), once its body has been read; null when none came.</summary>
    private static HttpFields? TrailersOf(HttpContext http)
    {
        if (http.Features.Get<IHttpRequestTrailersFeature>() is not { Available: true } feature || feature.Trailers.Count == 0) return null;
        var trailers = new HttpFields();
        foreach (var (name, values) in feature.Trailers)
        {
            foreach (var value in values)
            {
                if (value is not null) trailers.AppendReceived(name, Encoding.Latin1.GetBytes(value));
            }
        }
        return trailers;
    }

    /// <summary>The guest's response: status and headers, then its body as it is written; trailers where the protocol carries them.</summary>
    private static async Task SendAsync(HttpContext http, GuestHttpResponse response, CancellationToken aborted)
    {
        if (response.Error is { } error)
        {
            await HttpErrors.WriteAsync(http.Response, StatusCodes.Status500InternalServerError, nameof(ErrorKind.Internal),
                $"the guest answered with the error code {error.Case}{(error.Message is null ? "" : ": " + error.Message)}").ConfigureAwait(false);
            return;
        }

        var output = http.Response;
        output.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers.Entries)
        {
            output.Headers.Append(name, Encoding.Latin1.GetString(value));
        }
        try
        {
            if (response.Body is { } body)
            {
                await output.StartAsync(aborted).ConfigureAwait(false);
                await body.CopyToAsync(output.Body, aborted).ConfigureAwait(false);
                if (body.Trailers is { } trailers && output.SupportsTrailers())
                {
                    foreach (var (name, value) in trailers.Entries) output.AppendTrailer(name, new StringValues(Encoding.Latin1.GetString(value)));
                }
            }
            await output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception) when (!aborted.IsCancellationRequested)
        {
            // The body failed after the status went out (a trap, a body dropped unfinished, a content-length not met):
            // only closing the connection tells the client the response is incomplete.
            http.Abort();
        }
        catch (Exception)
        {
            // the client went away (the write failed or was cancelled): nobody to answer
        }
    }

    /// <summary>No response came: the call's error as for every endpoint, or 500 when the guest simply returned without one.</summary>
    private static Task AnswerFailureAsync(HttpContext http, Exception failure) => failure switch
    {
        WippyException e => HttpErrors.WriteAsync(http.Response, e),
        OperationCanceledException when http.RequestAborted.IsCancellationRequested => Task.CompletedTask,
        _ => HttpErrors.WriteAsync(http.Response, StatusCodes.Status500InternalServerError, nameof(ErrorKind.Internal), failure.Message),
    };

    /// <summary>Waits for the guest's call to end; its failure was answered already (or ends the connection).</summary>
    private static async Task Observe(Task guest)
    {
        try
        {
            await guest.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Reported through the exchange (the response, or the body's failure) and counted by the entry's observer.
        }
    }
}
