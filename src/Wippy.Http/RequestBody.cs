using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Wippy.Http;

/// <summary>Reads a request's whole body within <see cref="WippyHttpOptions.MaxRequestBodyBytes"/>.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The body, or null when it is larger than <paramref name="limit"/> (by its <c>Content-Length</c>, or while reading
    /// a chunked one): then 413 has been written and the function must not run.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(HttpContext http, long limit, CancellationToken aborted)
    {
        if (http.Request.ContentLength > limit)
        {
            await HttpErrors.TooLarge(http.Response, limit).ConfigureAwait(false);
            return null;
        }
        // Kestrel stops reading past the limit itself (BadHttpRequestException 413), so a chunked body never grows past it here.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        using var buffer = new MemoryStream();
        try
        {
            await http.Request.Body.CopyToAsync(buffer, aborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await HttpErrors.TooLarge(http.Response, limit).ConfigureAwait(false);
            return null;
        }
        if (buffer.Length > limit) // a server without the size feature (a test host): the limit still holds
        {
            await HttpErrors.TooLarge(http.Response, limit).ConfigureAwait(false);
            return null;
        }
        return buffer.ToArray();
    }
}
