using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Wippy.Host;

namespace Wippy.Http;

/// <summary>A failed call as an HTTP response: a status by the error's kind, and a JSON body naming the kind and the message (never a stack trace).</summary>
internal static class HttpErrors
{
    /// <summary>The status of an error of kind <paramref name="kind"/>.</summary>
    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.PermissionDenied => StatusCodes.Status403Forbidden,
        ErrorKind.Timeout => StatusCodes.Status504GatewayTimeout,
        ErrorKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Writes <c>{"error": {"kind": "Invalid", "message": "…"}}</c> with <paramref name="status"/>.</summary>
    public static async Task WriteAsync(HttpResponse response, int status, string kind, string message)
    {
        if (response.HasStarted) return; // too late for a status: the connection is aborted by whoever called
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        using var body = new MemoryStream();
        // Relaxed: quotes and apostrophes stay readable in the message (the body is JSON, never embedded in HTML).
        using (var json = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("kind", kind);
            json.WriteString("message", message);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length)).ConfigureAwait(false);
    }

    /// <summary>413: the body is larger than <paramref name="limit"/>.</summary>
    public static Task TooLarge(HttpResponse response, long limit) =>
        WriteAsync(response, StatusCodes.Status413PayloadTooLarge, nameof(ErrorKind.Invalid),
            $"the request body is larger than {limit} bytes, the most this server reads (WippyHttpOptions.MaxRequestBodyBytes)");

    /// <summary>Writes the error <paramref name="e"/> with the status of its kind.</summary>
    public static Task WriteAsync(HttpResponse response, WippyException e) => WriteAsync(response, StatusOf(e.Kind), e.Kind.ToString(), e.Message);
}
