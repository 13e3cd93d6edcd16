using System.Net;
using System.Text;
using System.Text.Json;

namespace Wippy.Http.Tests.Support;

/// <summary>What several HTTP tests read off the wire: an error answer's JSON, a raw response up to a marker.</summary>
internal static class HttpWire
{
    /// <summary>
    /// The kind and message of an error answer (<c>{"error": {"kind", "message"}}</c>), after checking its status is
    /// <paramref name="status"/> and its body is JSON.
    /// </summary>
    public static async Task<(string Kind, string Message)> ErrorOf(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        using var json = JsonDocument.Parse(text);
        var error = json.RootElement.GetProperty("error");
        return (error.GetProperty("kind").GetString()!, error.GetProperty("message").GetString()!);
    }

    /// <summary>Reads <paramref name="stream"/> as ASCII until <paramref name="until"/> appears or it ends (30 s at most).</summary>
    public static async Task<string> ReadUntilAsync(Stream stream, string until)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!received.ToString().Contains(until, StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0) break;
            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        return received.ToString();
    }
}
