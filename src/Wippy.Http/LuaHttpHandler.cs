using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wippy.Host;
using Wippy.Host.Lua;

namespace Wippy.Http;

/// <summary>
/// An endpoint served by a <c>function.lua</c>: the handler is called with no arguments and reads the request and
/// writes the response through its <c>http</c> module (<see cref="LuaHttpExchange"/>); the response is sent when it
/// returns. A handler that fails (raises, runs past its limit) answers with <see cref="HttpErrors"/>, whatever it wrote.
/// </summary>
internal sealed class LuaHttpHandler(FunctionHandle function, WippyHttpOptions options)
{
    /// <summary>Serves one request.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        var aborted = http.RequestAborted;
        try
        {
            var body = await RequestBody.ReadAsync(http, options.MaxRequestBodyBytes, aborted).ConfigureAwait(false);
            if (body is null) return; // refused with 413
            var exchange = new LuaHttpExchange
            {
                Method = http.Request.Method,
                Path = http.Request.Path.Value ?? "/",
                Params = http.Request.RouteValues.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal),
                Query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.FirstOrDefault() ?? "", StringComparer.Ordinal),
                Headers = http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal),
                Body = body,
            };
            var output = new ArrayBufferWriter<byte>();
            // A Lua call runs on this thread, to its end, before CallJsonAsync returns: the exchange is current for
            // exactly that.
            await RequestCall.RunAsync(http, function, ReadOnlyMemory<JsonElement>.Empty, output, exchange.Enter).ConfigureAwait(false);
            await WriteAsync(http.Response, exchange, aborted).ConfigureAwait(false);
        }
        catch (WippyException e)
        {
            await HttpErrors.WriteAsync(http.Response, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the client went away
        }
    }

    private static async Task WriteAsync(HttpResponse response, LuaHttpExchange exchange, CancellationToken aborted)
    {
        response.StatusCode = exchange.Status;
        foreach (var (name, value) in exchange.ResponseHeaders) response.Headers[name] = value;
        response.ContentLength = exchange.ResponseBody.Length;
        if (exchange.ResponseBody.Length > 0)
        {
            await response.Body.WriteAsync(exchange.ResponseBody.GetBuffer().AsMemory(0, (int)exchange.ResponseBody.Length), aborted).ConfigureAwait(false);
        }
    }
}
