using Wippy.Host.Registry;
using Wippy.Host.Tests.Http;
using Wippy.Host.Tests.Support;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// <c>wasi.allowed_outbound_hosts</c> on the host's own WASI, with the real wasi:http guest (tests/guests/components/http,
/// registry/http) and a real server that counts connections: a request no pattern allows fails at once with
/// <c>HTTP-request-denied</c>, and nothing reaches the network; an allowed one goes out. Patterns match scheme, host and
/// port; <c>*</c> ports, <c>*.</c> names, default ports and letter case; an entry without a list sends nothing.
/// </summary>
public sealed class WasiHostHttpOutboundHostsTests : IDisposable
{
    private const string Denied = "error handle HTTP-request-denied";
    private readonly CountingHttpServer _server = new();
    private readonly CapturedLogs _logs = new();
    private readonly WippyRuntime _runtime;
    private readonly HttpFunctions _http;

    public WasiHostHttpOutboundHostsTests()
    {
        _runtime = new WippyRuntime(WippyRegistry.CreateManifest(), new WippyRuntimeOptions { RegistryRoot = RepoPaths.TestRegistry, LoggerFactory = _logs });
        _http = new HttpFunctions(_runtime);
    }

    public void Dispose()
    {
        _runtime.Dispose();
        _server.Dispose();
    }

    private string Fetch(string scheme, string authority) => _http.Fetch("GET", scheme, authority, "/hello", [], null, 0);

    private string FetchListed(string scheme, string authority) => _http.FetchListed("GET", scheme, authority, "/hello", [], null, 0);

    [Fact]
    public void A_request_to_a_host_not_on_the_list_is_denied_and_nothing_is_sent()
    {
        // http:fetch allows http://127.0.0.1:* only.
        Assert.Equal(Denied, Fetch("http", $"localhost:{_server.Port}")); // another name for the same address
        Assert.Equal(Denied, Fetch("https", $"127.0.0.1:{_server.Port}")); // another scheme
        Assert.Equal(Denied, Fetch("http", "example.invalid")); // denied before any lookup: not DNS-error
        Assert.Equal(Denied, Fetch("http", "[::1]"));
        Assert.Equal(0, _server.Connections);
        // The instance is fine: the next allowed request goes out.
        Assert.Equal("status 200", Fetch("http", $"127.0.0.1:{_server.Port}").Split('\n')[0]);
        Assert.Equal(1, _server.Connections);
    }

    [Fact]
    public void A_denied_request_is_logged_with_the_pattern_that_would_allow_it()
    {
        Assert.Equal(Denied, _http.Fetch("GET", "http", $"localhost:{_server.Port}", "/secret?token=abc", [], null, 0));
        var message = Assert.Single(_logs.Messages("Wippy.Guest.http:fetch", 17));
        Assert.Equal(
            $"Entry http:fetch: the guest's HTTP request to http://localhost:{_server.Port} was denied (HTTP-request-denied): no pattern of " +
            $"wasi.allowed_outbound_hosts allows it; to allow it, add \"http://localhost:{_server.Port}\" to that list",
            message);
        Assert.DoesNotContain("token", message); // the path and query are not logged
    }

    [Fact]
    public void An_allowed_host_and_port_is_sent()
    {
        var lines = Fetch("http", $"127.0.0.1:{_server.Port}").Split('\n');
        Assert.Equal("status 200", lines[0]);
        Assert.Equal("body ok", lines[^1]);
        // The address written another way is the same address (what is checked is where the request connects).
        Assert.StartsWith("status 200", Fetch("http", $"2130706433:{_server.Port}"));
        Assert.Equal(2, _server.Connections);
    }

    [Fact]
    public void An_exact_port_allows_that_port_only()
    {
        var manifest = Descriptors.Manifest("http", "http:fetch",
            d => Descriptors.With(d, wasi: new WasiSettings { AllowedOutboundHosts = [$"http://127.0.0.1:{_server.Port}"] }));
        using var runtime = Descriptors.Runtime(manifest);
        var http = new HttpFunctions(runtime);
        Assert.StartsWith("status 200", http.Fetch("GET", "http", $"127.0.0.1:{_server.Port}", "/", [], null, 0));
        Assert.Equal(Denied, http.Fetch("GET", "http", $"127.0.0.1:{LocalHttpServer.ClosedPort()}", "/", [], null, 0));
        Assert.Equal(Denied, http.Fetch("GET", "http", "127.0.0.1", "/", [], null, 0)); // the default port, 80
        Assert.Equal(1, _server.Connections);
    }

    [Fact]
    public void Names_match_without_regard_to_letter_case_on_any_port_the_pattern_allows()
    {
        // http://localhost:*
        Assert.StartsWith("status 200", FetchListed("http", $"localhost:{_server.Port}"));
        Assert.StartsWith("status 200", FetchListed("HTTP", $"LocalHost:{_server.Port}"));
        Assert.Equal(2, _server.Connections);
        Assert.Equal([$"localhost:{_server.Port}", $"localhost:{_server.Port}"], _server.Hosts.ToArray()); // .NET's client lowers the name
        Assert.Equal(Denied, FetchListed("https", $"localhost:{_server.Port}")); // not over https
        Assert.Equal(2, _server.Connections);
    }

    [Fact]
    public void A_star_dot_pattern_allows_names_under_the_domain_but_not_the_domain_itself()
    {
        // http://*.localhost:* lets these through (what happens next is the resolver's business: a name under
        // localhost may or may not resolve here), but not localhost itself over another scheme, nor other domains.
        Assert.DoesNotContain("HTTP-request-denied", FetchListed("http", $"api.localhost:{_server.Port}"));
        Assert.DoesNotContain("HTTP-request-denied", FetchListed("http", $"a.b.LOCALHOST:{_server.Port}"));
        Assert.Equal(Denied, FetchListed("http", $"apilocalhost:{_server.Port}"));
        Assert.Equal(Denied, FetchListed("http", $"localhost.example:{_server.Port}"));
        Assert.Equal(Denied, FetchListed("https", $"api.localhost:{_server.Port}"));
    }

    [Fact]
    public void A_pattern_without_a_port_allows_the_schemes_default_port_only()
    {
        // https://127.0.0.1 is port 443 only; http://127.0.0.1:1 port 1 only, over http.
        Assert.Equal(Denied, FetchListed("https", $"127.0.0.1:{_server.Port}"));
        Assert.Equal(Denied, FetchListed("http", $"127.0.0.1:{_server.Port}"));
        Assert.Equal(Denied, FetchListed("http", "127.0.0.1")); // port 80
        Assert.Equal(0, _server.Connections);
        // Allowed: they go out (and find nothing listening there).
        Assert.DoesNotContain("HTTP-request-denied", FetchListed("https", "127.0.0.1"));
        Assert.DoesNotContain("HTTP-request-denied", FetchListed("https", "127.0.0.1:443"));
        Assert.Equal("error response connection-refused", FetchListed("http", "127.0.0.1:1"));
    }

    [Fact]
    public void An_entry_granted_wasi_http_without_a_list_sends_nothing()
    {
        Assert.Equal(Denied, _http.FetchUnlisted("GET", "http", $"127.0.0.1:{_server.Port}", "/hello", [], null, 0));
        Assert.Equal(Denied, _http.FetchUnlisted("GET", "https", "example.invalid", "/", [], null, 0));
        Assert.Equal(0, _server.Connections);
        // Its other uses of wasi:http/types still work: the fields test of the same guest needs no network.
        Assert.Contains("method get", _http.FieldsTest().Split('\n'));
    }

    [Fact]
    public void A_descriptor_with_a_malformed_pattern_does_not_load()
    {
        var manifest = Descriptors.Manifest("http", "http:fetch",
            d => Descriptors.With(d, wasi: new WasiSettings { AllowedOutboundHosts = ["https://api.example.com/v1"] }));
        using var runtime = Descriptors.Runtime(manifest);
        var error = Assert.Throws<WippyException>(() => new HttpFunctions(runtime).Fetch("GET", "http", $"127.0.0.1:{_server.Port}", "/", [], null, 0));
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains(
            "the entry failed to load: wasi.allowed_outbound_hosts[0] (\"https://api.example.com/v1\"): a host pattern has no path; write \"https://api.example.com\"",
            error.Message);
        Assert.Equal(0, _server.Connections);
    }
}
