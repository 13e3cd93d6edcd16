using System.Net;
using System.Text;
using System.Text.Json;
using Wippy.Http.Tests.Support;

namespace Wippy.Http.Tests;

/// <summary>Endpoints served by <c>function.lua</c> handlers through the <c>http</c> module (registry/handlers.lua), on real Kestrel.</summary>
public sealed class LuaHttpHandlerTests : IAsyncLifetime
{
    private HttpTestApp _app = null!;

    public async Task InitializeAsync() => _app = await HttpTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_handler_reads_route_params_query_headers_and_writes_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/hello/Zoë?q=search%20me");
        request.Headers.Add("X-Agent", "tests");
        using var response = await _app.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("hello Zoë", json.RootElement.GetProperty("message").GetString());
        Assert.Equal("search me", json.RootElement.GetProperty("q").GetString());
        Assert.Equal("tests", json.RootElement.GetProperty("agent").GetString());
        Assert.Equal("GET", json.RootElement.GetProperty("method").GetString());
        Assert.StartsWith("/v1/hello/Zo", json.RootElement.GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_handler_reads_a_json_body_and_sets_status_and_headers()
    {
        using var response = await _app.Client.PostAsync("/v1/echo", new StringContent("""{"n": 42, "tags": ["a", "b"]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("POST", response.Headers.GetValues("X-Method").Single());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(42, json.RootElement.GetProperty("n").GetInt32());
        Assert.Equal("b", json.RootElement.GetProperty("tags")[1].GetString());

        using var bad = await _app.Client.PostAsync("/v1/echo", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not JSON", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_header_with_a_line_break_is_refused()
    {
        using var response = await _app.Client.GetAsync("/v1/inject");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Bad"));
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("header injection is refused", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_handler_that_raises_answers_500_with_the_error_not_what_it_wrote()
    {
        using var response = await _app.Client.GetAsync("/v1/raise");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("partial", text);
        using var json = JsonDocument.Parse(text);
        Assert.Contains("the handler broke", json.RootElement.GetProperty("error").GetProperty("message").GetString());

        using var next = await _app.Client.GetAsync("/v1/hello/again");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public void Outside_a_request_the_module_says_there_is_none()
    {
        using var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            _app.Runtime.GetFunction("web:lua_outside").CallJson([], writer);
        }
        Assert.Contains("http request context not found", Encoding.UTF8.GetString(output.ToArray()));
    }
}
