using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wippy.Host;
using Wippy.Http.Tests.Support;

namespace Wippy.Http.Tests;

/// <summary>
/// The wasi-http transport on real Kestrel (127.0.0.1, a free port), served as <c>run</c> serves it: the request body
/// is the export's string argument, its result the response, its errors statuses with a JSON body.
/// </summary>
public sealed class WasiHttpTransportTests : IAsyncLifetime
{
    private HttpTestApp _app = null!;

    public async Task InitializeAsync() => _app = await HttpTestApp.StartAsync(o => o.MaxRequestBodyBytes = 64 * 1024);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<HttpResponseMessage> Post(string path, string body) =>
        _app.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "text/plain"));

    [Fact]
    public async Task A_string_result_is_text()
    {
        using var response = await Post("/v1/greet", "Zoë 😀");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Hello, Zoë 😀!", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_empty_body_is_the_empty_string()
    {
        using var response = await _app.Client.PostAsync("/v1/greet", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, !", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_byte_list_result_is_an_octet_stream()
    {
        using var response = await Post("/v1/bytes", "raw \u0001 bytes");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(Encoding.UTF8.GetBytes("raw \u0001 bytes"), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Any_other_result_is_json()
    {
        using var response = await Post("/v1/size", "héllo");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("6", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task No_result_is_204()
    {
        using var response = await _app.Client.GetAsync("/v1/ping");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_trap_is_500_with_the_kind_and_message_and_the_server_goes_on()
    {
        using var response = await Post("/v1/boom", "x");
        var (kind, message) = await HttpWire.ErrorOf(response, HttpStatusCode.InternalServerError);
        Assert.Equal("Trap", kind);
        Assert.StartsWith("web:boom:", message);
        Assert.DoesNotContain(" at ", message.Replace("at the", "", StringComparison.Ordinal)); // no stack trace

        using var next = await Post("/v1/greet", "again");
        Assert.Equal("Hello, again!", await next.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_call_past_its_limit_is_504()
    {
        using var response = await _app.Client.GetAsync("/v1/spin");
        var (kind, message) = await HttpWire.ErrorOf(response, HttpStatusCode.GatewayTimeout);
        Assert.Equal("Timeout", kind);
        Assert.Contains("web:spin", message);
    }

    [Fact]
    public async Task A_guest_answering_garbage_fails_the_request_with_its_errors_kind()
    {
        using var response = await Post("/v1/bad_text", "");
        var (kind, message) = await HttpWire.ErrorOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid", kind);
        Assert.Contains("web:bad_text", message);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_before_the_function_runs_and_the_server_goes_on()
    {
        var large = new string('a', 64 * 1024 + 1);
        using (var response = await Post("/v1/size", large))
        {
            var (kind, message) = await HttpWire.ErrorOf(response, HttpStatusCode.RequestEntityTooLarge);
            Assert.Equal("Invalid", kind);
            Assert.Contains("65536 bytes", message);
        }

        // Without a content-length (chunked), the limit holds while reading.
        using (var chunked = new HttpRequestMessage(HttpMethod.Post, "/v1/size") { Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(large))) })
        {
            chunked.Headers.TransferEncodingChunked = true;
            using var response = await _app.Client.SendAsync(chunked);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        using var fits = await Post("/v1/size", new string('a', 64 * 1024));
        Assert.Equal("65536", await fits.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_400()
    {
        var content = new ByteArrayContent([0x66, 0xff, 0xfe]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _app.Client.PostAsync("/v1/greet", content);
        var (kind, message) = await HttpWire.ErrorOf(response, HttpStatusCode.BadRequest);
        Assert.Equal("Invalid", kind);
        Assert.Contains("not UTF-8", message);
    }

    [Fact]
    public async Task A_percent_encoded_path_is_matched_as_requests_send_it()
    {
        using var response = await Post("/v1/greet%20me", "encoded");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, encoded!", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Routes_answer_only_their_method_and_path()
    {
        using var wrongMethod = await _app.Client.GetAsync("/v1/greet");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        using var unknown = await Post("/greet", "x"); // without the router's prefix
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task An_endpoint_whose_function_has_no_wasi_http_transport_answers_501()
    {
        // The build refuses such an endpoint (WIPPY0055); a manifest made by hand can still hold one.
        await using var app = await HttpTestApp.StartAsync(manifest: TestManifest.WithPayloadEndpoint());
        using var response = await app.Client.PostAsync("/v1/plain", new StringContent("x"));
        var (kind, message) = await HttpWire.ErrorOf(response, (HttpStatusCode)501);
        Assert.Equal("Unavailable", kind);
        Assert.Contains("give it transport: wasi-http", message);
    }

    [Fact]
    public void Called_without_a_request_a_transport_function_fails_with_Invalid()
    {
        var greet = _app.Runtime.GetFunction("web:greet");
        using var output = new MemoryStream();
        using var writer = new Utf8JsonWriter(output);
        using var args = JsonDocument.Parse("[\"Ann\"]");
        var error = Assert.Throws<WippyException>(() => greet.CallJson(args.RootElement.EnumerateArray().ToArray(), writer));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("web:greet", error.EntryId);
        Assert.Contains("http request context not found", error.Message);
        // No typed method to call it wrongly: the proxy has none for wasi-http functions, only for the others.
        Assert.Null(typeof(Web.WebFunctions).GetMethod("Greet"));
        Assert.NotNull(typeof(Web.WebFunctions).GetMethod("InvokeGreet", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)); // the endpoint's binder calls this
    }
}
