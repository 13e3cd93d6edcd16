using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wippy.Host;

namespace Wippy.Http;

/// <summary>
/// The wasi-http transport: an endpoint's request becomes one call of its function and the result becomes the
/// response. The export gets the request body as its one string argument (<c>""</c> when the body is empty; nothing
/// when it takes no parameter, and then the body is not read); its result is written as: nothing → 204, a string → 200
/// <c>text/plain; charset=utf-8</c>, <c>list&lt;u8&gt;</c> → 200 <c>application/octet-stream</c>, anything else → 200
/// JSON (as the JSON binder writes it); an error → <see cref="HttpErrors"/>.
/// </summary>
internal sealed class WasiHttpTransport(FunctionHandle function, WippyHttpOptions options)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly TransportSignature _signature = TransportSignature.Of(function.Descriptor is Host.Registry.FunctionDescriptor f ? f.WitSignature : "");

    /// <summary>Serves one request.</summary>
    public async Task HandleAsync(HttpContext http)
    {
        var aborted = http.RequestAborted;
        JsonDocument? argument = null;
        try
        {
            if (_signature.TakesBody)
            {
                var body = await ReadBodyAsync(http, options.MaxRequestBodyBytes, aborted).ConfigureAwait(false);
                if (body is null) return; // refused (413 / 400) and answered
                argument = JsonString(body);
            }

            var output = new ArrayBufferWriter<byte>();
            ReadOnlyMemory<JsonElement> args = argument is null ? ReadOnlyMemory<JsonElement>.Empty : new[] { argument.RootElement };
            await RequestCall.RunAsync(http, function, args, output, HttpTransport.EnterRequest).ConfigureAwait(false);
            await WriteResultAsync(http.Response, output, aborted).ConfigureAwait(false);
        }
        catch (WippyException e)
        {
            await HttpErrors.WriteAsync(http.Response, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the client went away: nobody to answer
        }
        finally
        {
            argument?.Dispose();
        }
    }

    /// <summary>The body as UTF-8 text; null when it was refused (and the response written): too large, or not UTF-8.</summary>
    private static async Task<string?> ReadBodyAsync(HttpContext http, long limit, CancellationToken aborted)
    {
        var body = await RequestBody.ReadAsync(http, limit, aborted).ConfigureAwait(false);
        if (body is null) return null;
        try
        {
            return StrictUtf8.GetString(body);
        }
        catch (DecoderFallbackException)
        {
            await HttpErrors.WriteAsync(http.Response, StatusCodes.Status400BadRequest, nameof(ErrorKind.Invalid),
                "the request body is not UTF-8 text, which this endpoint's function takes as a string").ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>The body as one JSON string value, the argument the JSON binder reads.</summary>
    private static JsonDocument JsonString(string body)
    {
        var encoded = new ArrayBufferWriter<byte>(body.Length + 16);
        using (var json = new Utf8JsonWriter(encoded))
        {
            json.WriteStringValue(body);
        }
        return JsonDocument.Parse(encoded.WrittenMemory);
    }

    /// <summary>Writes the result the JSON binder wrote into <paramref name="output"/> as the transport maps it.</summary>
    private async Task WriteResultAsync(HttpResponse response, ArrayBufferWriter<byte> output, CancellationToken aborted)
    {
        switch (_signature.Result)
        {
            case TransportResult.None:
                response.StatusCode = StatusCodes.Status204NoContent;
                return;
            case TransportResult.Text:
                await WriteAsync(response, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(ReadValue(output).GetString() ?? ""), aborted).ConfigureAwait(false);
                return;
            case TransportResult.Bytes:
                await WriteAsync(response, "application/octet-stream", ReadValue(output).GetBytesFromBase64(), aborted).ConfigureAwait(false);
                return;
            default:
                await WriteAsync(response, "application/json; charset=utf-8", output.WrittenMemory, aborted).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>The one JSON value the binder wrote (a string for text and bytes, which it writes as base64).</summary>
    private static Utf8JsonReader ReadValue(ArrayBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(output.WrittenSpan);
        reader.Read();
        return reader;
    }

    private static async Task WriteAsync(HttpResponse response, string contentType, ReadOnlyMemory<byte> body, CancellationToken aborted)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, aborted).ConfigureAwait(false);
    }
}
