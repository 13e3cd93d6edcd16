using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Wippy.Host;
using Wippy.Http.Tests.Support;

namespace Wippy.Http.Tests;

/// <summary>
/// Standard <c>wasi:http/incoming-handler</c> components served on Kestrel: the C guest
/// (tests/guests/components/http-server, entries web:c_server, fresh per request, and web:c_server_pooled, warm, with
/// a 300 ms limit, on the service web:alt) and the JavaScript one (http-js, ComponentizeJS, webjs:hello on webjs:js).
/// </summary>
public sealed class IncomingHandlerTests : IAsyncLifetime
{
    private HttpTestApp _app = null!;

    public async Task InitializeAsync() => _app = await HttpTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_guest_answers_with_its_status_headers_and_body()
    {
        using var response = await _app.Client.GetAsync("/hello/World");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Hello, World!", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(["c"], response.Headers.GetValues("x-guest"));
    }

    [Fact]
    public async Task The_guest_sees_the_method_target_scheme_authority_and_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/headers?x=1&y=two");
        request.Headers.Add("x-custom", "some value");
        using var response = await _app.Client.SendAsync(request);

        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        Assert.Equal("method GET", lines[0]);
        Assert.Equal("path /headers?x=1&y=two", lines[1]);
        Assert.Equal("scheme HTTP", lines[2]);
        Assert.Equal($"authority 127.0.0.1:{_app.Client.BaseAddress!.Port}", lines[3]);
        Assert.Contains("header x-custom: some value", lines);
        Assert.Contains($"header host: 127.0.0.1:{_app.Client.BaseAddress!.Port}", lines);
    }

    [Theory]
    [InlineData("/status/204", HttpStatusCode.NoContent, "")]
    [InlineData("/status/418", (HttpStatusCode)418, "")]
    [InlineData("/status/99", HttpStatusCode.OK, "bad status")]   // set-status-code refuses what HTTP has no room for
    [InlineData("/status/1000", HttpStatusCode.OK, "bad status")]
    [InlineData("/missing", HttpStatusCode.NotFound, "not found: /missing")]
    public async Task The_status_is_the_guests(string path, HttpStatusCode status, string body)
    {
        using var response = await _app.Client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_header_with_CR_LF_is_refused_to_the_guest_and_never_sent()
    {
        using var response = await _app.Client.GetAsync("/inject");

        Assert.Equal("refused", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("x-injected"));
        Assert.False(response.Headers.Contains("x-test"));
    }

    [Fact]
    public async Task A_guest_that_returns_without_a_response_gets_500_and_the_next_request_is_served()
    {
        using var response = await _app.Client.GetAsync("/no-response");

        var error = await HttpWire.ErrorOf(response, HttpStatusCode.InternalServerError);
        Assert.Equal("Internal", error.Kind);
        Assert.Contains("without setting a response", error.Message, StringComparison.Ordinal);
        await AssertStillServingAsync(_app.Client);
    }

    [Fact]
    public async Task A_guest_that_answers_with_an_error_code_gets_500_naming_it()
    {
        using var response = await _app.Client.GetAsync("/error");

        var error = await HttpWire.ErrorOf(response, HttpStatusCode.InternalServerError);
        Assert.Equal("the guest answered with the error code internal-error: guest failed", error.Message);
    }

    [Theory]
    [InlineData("/trap-mid-body", 1000)]   // traps after 1000 bytes
    [InlineData("/unfinished", 7)]       // drops its body unfinished after "partial"
    public async Task A_body_that_fails_after_the_response_started_ends_the_connection_so_it_is_never_taken_as_complete(string path, int sent)
    {
        var received = 0;
        var failure = await Record.ExceptionAsync(async () =>
        {
            using var response = await _app.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[4096];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0) received += read;
        });

        // The server sent the status and what the guest wrote, then closed the connection: the client sees the end of
        // the response as a failure (while reading the body, or, when the reset overtook the bytes, the headers).
        Assert.True(failure is IOException or HttpRequestException { InnerException: IOException }, $"the response ended with {failure?.ToString() ?? "no failure: it was taken as complete"}");
        Assert.True(received <= sent, $"received {received} bytes");
        await AssertStillServingAsync(_app.Client);
    }

    [Fact]
    public async Task One_hundred_megabytes_pass_through_both_ways()
    {
        const long Size = 100L << 20;

        // Upload: the guest reads the body as it comes and answers its length and byte sum.
        using var upload = await _app.Client.PostAsync("/count", new StreamContent(new PatternStream(Size)));
        Assert.Equal($"{Size} {PatternStream.SumOf(Size)}", await upload.Content.ReadAsStringAsync());

        // Download: the guest writes byte i = i % 251, 4096 bytes a write.
        using var download = await _app.Client.GetAsync($"/bytes/{Size}", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        await using var body = await download.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long offset = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)((offset + i) % 251)) Assert.Fail($"byte {offset + i} is {buffer[i]}");
            }
            offset += read;
        }
        Assert.Equal(Size, offset);
    }

    [Fact]
    public async Task A_download_is_paced_by_the_client_not_held_whole()
    {
        var function = (WasmFunctionHandle)_app.Runtime.GetFunction("web:c_server");
        using var response = await _app.Client.GetAsync($"/bytes/{1L << 30}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[1];
        Assert.Equal(1, await body.ReadAsync(first));

        // The client stops reading: the guest fills what the connection and the host's 1 MiB body budget hold, then
        // waits for room, still in its call, far from the gigabyte it was asked for.
        await Task.Delay(500); // let the buffers fill (the assertion below holds however long this is)
        Assert.Equal(1, function.Busy);

        response.Dispose(); // the client goes away: the guest's next write fails and its call ends
        await Polling.UntilAsync(() => function.Busy == 0, "the guest's call ended after the client left");
        await AssertStillServingAsync(_app.Client);
    }

    [Fact]
    public async Task An_echo_streams_back_while_the_request_body_is_still_coming()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, _app.Client.BaseAddress!.Port);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-test\r\nTransfer-Encoding: chunked\r\n\r\n" + Chunk("first part|")));

        // The first part comes back before the request has ended.
        var received = await HttpWire.ReadUntilAsync(stream, "first part|");
        Assert.StartsWith("HTTP/1.1 200", received, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/x-test", received, StringComparison.OrdinalIgnoreCase);

        await stream.WriteAsync(Encoding.ASCII.GetBytes(Chunk("second part") + "0\r\n\r\n"));
        var rest = await HttpWire.ReadUntilAsync(stream, "0\r\n\r\n");
        Assert.Contains("second part", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_get_fresh_instances_by_default_and_warm_ones_when_the_entry_has_a_pool()
    {
        var fresh = _app.Runtime.GetFunction("web:c_server");
        var pooled = _app.Runtime.GetFunction("web:c_server_pooled");
        using var alt = _app.ClientOf("web:alt");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("Hello, a!", await _app.Client.GetStringAsync("/hello/a"));
            Assert.Equal("Hello, b!", await alt.GetStringAsync("/hello/b"));
        }

        Assert.Equal(Host.Registry.PoolType.Inline, ((Host.Registry.FunctionDescriptor)fresh.Descriptor).Pool.Type);
        Assert.Equal(0, fresh.Idle);
        Assert.Equal(1, pooled.Idle); // one warm instance served the three requests one after another
    }

    [Fact]
    public async Task A_guest_past_its_limit_gets_504_and_its_instance_is_replaced()
    {
        using var alt = _app.ClientOf("web:alt");
        using var response = await alt.GetAsync("/spin");

        var error = await HttpWire.ErrorOf(response, HttpStatusCode.GatewayTimeout);
        Assert.Equal("Timeout", error.Kind);
        Assert.Contains("web:c_server_pooled", error.Message, StringComparison.Ordinal);
        Assert.Equal("Hello, again!", await alt.GetStringAsync("/hello/again"));
    }

    [Fact]
    public async Task Many_requests_at_once_are_served_side_by_side()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _app.Client.GetStringAsync($"/hello/{i}")));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"Hello, {i}!"), answers);
    }

    [Fact]
    public async Task Called_without_a_request_a_handler_fails_with_Invalid()
    {
        var function = _app.Runtime.GetFunction("web:c_server");
        using var output = new MemoryStream();
        using var writer = new Utf8JsonWriter(output);

        var e = Assert.Throws<WippyException>(() => function.CallJson([], writer));

        Assert.Equal(ErrorKind.Invalid, e.Kind);
        Assert.Contains("needs an HTTP request", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JavaScript_component_from_componentize_js_is_served()
    {
        using var js = JsClient();

        using var hello = await js.GetAsync("/hello/World");
        Assert.Equal("Hello, World!", await hello.Content.ReadAsStringAsync());
        Assert.Equal(["js"], hello.Headers.GetValues("x-guest"));

        using var echo = await js.PostAsync("/echo", new StringContent(new string('z', 100_000), Encoding.UTF8, "text/plain"));
        Assert.Equal(new string('z', 100_000), await echo.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", echo.Content.Headers.ContentType!.ToString());

        using var missing = await js.GetAsync("/missing");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("not found: /missing", await missing.Content.ReadAsStringAsync());
    }

    /// <summary>The client of the JavaScript guest's service, which tests/install-js-guests.sh (run by tests/run.sh) writes into the registry.</summary>
    private HttpClient JsClient()
    {
        Assert.True(_app.Server.Addresses.ContainsKey("webjs:js"),
            "the JavaScript guest is not in the registry: run tests/install-js-guests.sh (tests/run.sh does) and build again");
        return _app.ClientOf("webjs:js");
    }

    private static async Task AssertStillServingAsync(HttpClient client) =>
        Assert.Equal("Hello, still-here!", await client.GetStringAsync("/hello/still-here"));

    private static string Chunk(string text) => $"{Encoding.ASCII.GetByteCount(text):x}\r\n{text}\r\n";

    /// <summary>A request body of <c>size</c> bytes, byte i = i % 256, made as it is read (never held whole).</summary>
    private sealed class PatternStream(long size) : Stream
    {
        private long _position;

        public static uint SumOf(long size)
        {
            uint sum = 0;
            for (long i = 0; i < size; i++) sum += (uint)(i % 256);
            return sum;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, size - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = (byte)((_position + i) % 256);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => size;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
