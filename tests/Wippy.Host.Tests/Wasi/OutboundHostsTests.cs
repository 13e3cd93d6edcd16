using Wippy.Host.Registry;
using Wippy.Host.Wasi;
using Wippy.Host.WasiHost.Http;

namespace Wippy.Host.Tests.Wasi;

/// <summary>
/// The matcher of <c>wasi.allowed_outbound_hosts</c> (<see cref="OutboundHosts"/>) on its own: schemes, names, <c>*</c>
/// and <c>*.</c> hosts, IPv4 and IPv6 addresses however a request writes them, default and wildcard ports, letter case;
/// and the rule for guests on Wasmtime's built-in WASI (<see cref="WasmtimeOutboundCheck"/>).
/// </summary>
public sealed class OutboundHostsTests
{
    private static OutboundHosts Hosts(params string[] patterns) =>
        OutboundHosts.Parse(patterns, out var problem) ?? throw new InvalidOperationException(problem);

    private static bool Allows(string pattern, string url) => Hosts(pattern).Allows(new Uri(url));

    [Theory]
    // exact name, default ports by scheme
    [InlineData("https://api.example.com", "https://api.example.com/v1/users?x=1", true)]
    [InlineData("https://api.example.com", "https://api.example.com:443/", true)]
    [InlineData("https://api.example.com", "https://api.example.com:8443/", false)]
    [InlineData("https://api.example.com", "http://api.example.com/", false)]
    [InlineData("http://api.example.com", "http://api.example.com/", true)]
    [InlineData("http://api.example.com", "http://api.example.com:443/", false)]
    [InlineData("https://api.example.com", "https://example.com/", false)]
    [InlineData("https://api.example.com", "https://x.api.example.com/", false)]
    [InlineData("https://api.example.com", "https://api.example.com.evil.test/", false)]
    // letter case of scheme and host, a final dot
    [InlineData("HTTPS://API.Example.COM", "https://api.example.com/", true)]
    [InlineData("https://api.example.com", "https://API.EXAMPLE.com/", true)]
    [InlineData("https://api.example.com", "https://api.example.com./", true)]
    // * as the scheme: each scheme's own default port
    [InlineData("*://api.example.com", "http://api.example.com/", true)]
    [InlineData("*://api.example.com", "https://api.example.com/", true)]
    [InlineData("*://api.example.com", "http://api.example.com:443/", false)]
    [InlineData("*://api.example.com", "https://api.example.com:80/", false)]
    [InlineData("*://api.example.com:8080", "https://api.example.com:8080/", true)]
    // ports
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/", true)]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8081/", false)]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1/", false)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1:1/", true)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1:65535/", true)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.1/", true)]
    [InlineData("http://127.0.0.1:*", "https://127.0.0.1:8080/", false)]
    [InlineData("https://127.0.0.1:80", "https://127.0.0.1:80/", true)]
    // *.domain: names under it, not the domain itself
    [InlineData("https://*.internal.test:8443", "https://a.internal.test:8443/", true)]
    [InlineData("https://*.internal.test:8443", "https://a.b.internal.test:8443/", true)]
    [InlineData("https://*.internal.test:8443", "https://A.Internal.TEST:8443/", true)]
    [InlineData("https://*.internal.test:8443", "https://internal.test:8443/", false)]
    [InlineData("https://*.internal.test:8443", "https://xinternal.test:8443/", false)]
    [InlineData("https://*.internal.test:8443", "https://a.internal.test/", false)]
    [InlineData("https://*.internal.test:8443", "https://a.internal.test.evil:8443/", false)]
    // * as the host
    [InlineData("https://*", "https://anything.example/", true)]
    [InlineData("https://*", "https://10.0.0.1/", true)]
    [InlineData("https://*", "https://[::1]/", true)]
    [InlineData("https://*", "https://anything.example:8443/", false)]
    [InlineData("*://*:*", "http://10.0.0.1:9/", true)]
    // IPv4 however the request writes it
    [InlineData("http://127.0.0.1:*", "http://2130706433:8080/", true)]
    [InlineData("http://127.0.0.1:*", "http://127.1:8080/", true)]
    [InlineData("http://127.0.0.1:*", "http://0x7f.0.0.1:8080/", true)]
    [InlineData("http://127.0.0.1:*", "http://127.0.0.2:8080/", false)]
    [InlineData("http://127.0.0.1:*", "http://localhost:8080/", false)]
    // IPv6, in brackets, however it is written
    [InlineData("http://[::1]:8080", "http://[::1]:8080/", true)]
    [InlineData("http://[::1]:8080", "http://[0:0:0:0:0:0:0:1]:8080/", true)]
    [InlineData("http://[0:0::1]:8080", "http://[::1]:8080/", true)]
    [InlineData("http://[::1]", "http://[::1]/", true)]
    [InlineData("http://[::1]", "http://[::2]/", false)]
    [InlineData("https://[FE80::1]", "https://[fe80::1]/", true)]
    [InlineData("https://[fe80::1]", "https://[fe80::1%25eth0]/", true)]
    [InlineData("http://[::1]:*", "http://127.0.0.1:8080/", false)]
    [InlineData("http://127.0.0.1:*", "http://[::ffff:127.0.0.1]:8080/", false)]
    public void A_pattern_allows_the_scheme_host_and_port_it_names(string pattern, string url, bool allowed) =>
        Assert.Equal(allowed, Allows(pattern, url));

    [Fact]
    public void Several_patterns_allow_what_any_of_them_allows()
    {
        var hosts = Hosts("https://api.example.com", "http://127.0.0.1:*", "https://*.internal.test:8443");
        Assert.True(hosts.Allows(new Uri("https://api.example.com/")));
        Assert.True(hosts.Allows(new Uri("http://127.0.0.1:5000/")));
        Assert.True(hosts.Allows(new Uri("https://svc.internal.test:8443/")));
        Assert.False(hosts.Allows(new Uri("https://example.com/")));
        Assert.False(hosts.AllowsEverything);
    }

    [Fact]
    public void No_pattern_allows_nothing()
    {
        Assert.False(OutboundHosts.None.Allows(new Uri("http://127.0.0.1/")));
        Assert.Same(OutboundHosts.None, Hosts());
        Assert.False(OutboundHosts.None.AllowsEverything);
    }

    [Theory]
    [InlineData(true, "*://*:*")]
    [InlineData(true, "http://*:* https://*:*")]
    [InlineData(true, "https://api.example.com *://*:*")]
    [InlineData(false, "https://*:*")]
    [InlineData(false, "*://*")]
    [InlineData(false, "*://*.example.com:*")]
    public void Everything_is_allowed_only_by_any_host_on_any_port_over_both_schemes(bool everything, string patterns) =>
        Assert.Equal(everything, Hosts(patterns.Split(' ')).AllowsEverything);

    [Fact]
    public void A_malformed_pattern_is_named_with_what_to_write()
    {
        Assert.Null(OutboundHosts.Parse(["http://127.0.0.1:*", "api.example.com"], out var problem));
        Assert.Equal(
            "wasi.allowed_outbound_hosts[1] (\"api.example.com\"): a host pattern starts with its scheme; write \"https://api.example.com\" (or http://, or *:// for both)",
            problem);
    }

    [Theory]
    [InlineData("https://api.example.com:8443/x", "https://api.example.com:8443")]
    [InlineData("https://api.example.com/x", "https://api.example.com")]
    [InlineData("http://api.example.com:80/", "http://api.example.com")]
    [InlineData("http://[0:0:0:0:0:0:0:1]:8080/", "http://[::1]:8080")]
    [InlineData("http://2130706433/", "http://127.0.0.1")]
    [InlineData("http://Example.COM./", "http://example.com")]
    public void The_pattern_for_a_request_allows_exactly_it(string url, string expected)
    {
        var pattern = OutboundHosts.PatternFor(new Uri(url));
        Assert.Equal(expected, pattern);
        Assert.True(Allows(pattern, url));
    }

    // ---- Wasmtime's built-in WASI ----

    private static FunctionDescriptor Entry(string[] imports, params string[] hosts) => new("t:fetch", "function.wasm", "/app/_index.yaml:3")
    {
        Export = "fetch",
        Source = ModuleSource.FromFs("t:guest", "/http.wasm", "sha256:" + new string('0', 64)),
        Imports = imports,
        Wasi = new WasiSettings { AllowedOutboundHosts = hosts },
    };

    private static void Check(FunctionDescriptor d, params string[] wasiImports) =>
        WasmtimeOutboundCheck.Check(d, wasiImports, new WasiGrants(d.Imports), Hosts([.. d.Wasi.AllowedOutboundHosts]), "it imports 'wasi:io/poll@0.2.0#poll', …");

    [Fact]
    public void On_Wasmtimes_WASI_a_guest_that_can_send_loads_only_when_everything_is_allowed()
    {
        const string handler = "wasi:http/outgoing-handler@0.2.0";
        Check(Entry(["wasi:http"], "*://*:*"), handler, "wasi:http/types@0.2.0", "wasi:io/poll@0.2.0");
        Check(Entry(["wasi:http"], "http://*:*", "https://*:*"), handler);
        // Nothing to keep to: no grant (handle is a stub that refuses), or no outgoing-handler imported.
        Check(Entry(["wasi:io"], "https://api.example.com"), handler);
        Check(Entry(["wasi:http"]), "wasi:http/types@0.2.0", "wasi:io/poll@0.2.0");

        var error = Assert.Throws<WippyException>(() => Check(Entry(["wasi:http"], "https://api.example.com", "http://127.0.0.1:*"), handler));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("t:fetch", error.EntryId);
        Assert.Equal(
            "the guest gets Wasmtime's built-in WASI, because it imports 'wasi:io/poll@0.2.0#poll', …, and Wasmtime's wasi:http sends requests to any host: " +
            "it cannot keep to wasi.allowed_outbound_hosts (it lists \"https://api.example.com\", \"http://127.0.0.1:*\"). If the guest may reach every " +
            "host, write \"allowed_outbound_hosts: ['*://*:*']\"; otherwise build it without that import, so that the host's own WASI serves it and " +
            "checks every request (entry declared at /app/_index.yaml:3)",
            error.Detail);

        var none = Assert.Throws<WippyException>(() => Check(Entry(["wasi:http"]), handler));
        Assert.Contains("(none are listed)", none.Detail);
        var narrow = Assert.Throws<WippyException>(() => Check(Entry(["wasi:http"], "https://*:*"), handler));
        Assert.Contains("it lists \"https://*:*\"", narrow.Detail);
    }
}
