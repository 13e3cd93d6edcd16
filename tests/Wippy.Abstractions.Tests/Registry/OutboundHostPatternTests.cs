using Wippy.Registry;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>
/// The syntax of a <c>wasi.allowed_outbound_hosts</c> item (<see cref="OutboundHostPattern"/>): what it reads, its
/// canonical form, and for each mistake what the message says to write instead.
/// </summary>
public sealed class OutboundHostPatternTests
{
    [Theory]
    [InlineData("https://api.example.com", "https", "api.example.com", null, false, "https://api.example.com")]
    [InlineData("http://127.0.0.1:8080", "http", "127.0.0.1", 8080, false, "http://127.0.0.1:8080")]
    [InlineData("http://127.0.0.1:*", "http", "127.0.0.1", null, true, "http://127.0.0.1:*")]
    [InlineData("https://*.internal.test:8443", "https", "*.internal.test", 8443, false, "https://*.internal.test:8443")]
    [InlineData("*://*:*", "*", "*", null, true, "*://*:*")]
    [InlineData("https://*", "https", "*", null, false, "https://*")]
    [InlineData("HTTPS://API.Example.COM", "https", "api.example.com", null, false, "https://api.example.com")]
    [InlineData("http://[::1]:8080", "http", "[::1]", 8080, false, "http://[::1]:8080")]
    [InlineData("http://[0:0:0:0:0:0:0:1]", "http", "[::1]", null, false, "http://[::1]")]
    [InlineData("https://[FE80::1]:*", "https", "[fe80::1]", null, true, "https://[fe80::1]:*")]
    [InlineData("http://localhost:1", "http", "localhost", 1, false, "http://localhost:1")]
    [InlineData("http://my_service-1.local:65535", "http", "my_service-1.local", 65535, false, "http://my_service-1.local:65535")]
    public void Reads(string text, string scheme, string host, int? port, bool anyPort, string canonical)
    {
        var pattern = OutboundHostPattern.Parse(text, out var problem);
        Assert.Null(problem);
        Assert.NotNull(pattern);
        Assert.Equal(text, pattern!.Text);
        Assert.Equal(scheme, pattern.Scheme);
        Assert.Equal(host, pattern.Host);
        Assert.Equal(port, pattern.Port);
        Assert.Equal(anyPort, pattern.AnyPort);
        Assert.Equal(canonical, pattern.ToString());
    }

    [Fact]
    public void Knows_its_wildcards()
    {
        Assert.True(OutboundHostPattern.Parse("https://*", out _)!.AnyHost);
        Assert.Equal(".example.com", OutboundHostPattern.Parse("https://*.Example.com", out _)!.DomainSuffix);
        Assert.Null(OutboundHostPattern.Parse("https://example.com", out _)!.DomainSuffix);
        Assert.Equal(443, OutboundHostPattern.DefaultPort("https"));
        Assert.Equal(80, OutboundHostPattern.DefaultPort("http"));
    }

    [Theory]
    [InlineData("https://api.example.com/v1", "a host pattern has no path; write \"https://api.example.com\"")]
    [InlineData("https://api.example.com/", "a host pattern has no path; write \"https://api.example.com\"")]
    [InlineData("https://api.example.com:8443/v1?x", "a host pattern has no path; write \"https://api.example.com:8443\"")]
    [InlineData("https://api.example.com?x=1", "a host pattern has no query; write \"https://api.example.com\"")]
    [InlineData("https://api.example.com#top", "a host pattern has no fragment; write \"https://api.example.com\"")]
    [InlineData("https://user:secret@api.example.com", "a host pattern has no user name or password; write \"https://api.example.com\"")]
    [InlineData("api.example.com", "a host pattern starts with its scheme; write \"https://api.example.com\" (or http://, or *:// for both)")]
    [InlineData("api.example.com:8443/v1", "a host pattern starts with its scheme; write \"https://api.example.com:8443\" (or http://, or *:// for both)")]
    [InlineData("://api.example.com", "a host pattern starts with its scheme; write \"https://api.example.com\" (or http://, or *:// for both)")]
    [InlineData("ftp://files.example.com", "the scheme 'ftp' is not one a guest can send requests with (http, https, or * for both); write \"https://files.example.com\"")]
    [InlineData("wss://api.example.com/socket", "the scheme 'wss' is not one a guest can send requests with (http, https, or * for both); write \"https://api.example.com\"")]
    [InlineData("https://", "a host pattern names a host; write e.g. \"https://api.example.com\", or \"https://*\" for any host")]
    [InlineData("https://:8080", "a host pattern names a host; write e.g. \"https://api.example.com\", or \"https://*\" for any host")]
    [InlineData("https://api.example.com:", "a host pattern has a port after ':'; write \"https://api.example.com\" (the scheme's default port) or \"https://api.example.com:*\" (any port)")]
    [InlineData("https://api.example.com:0", "'0' is not a port; write a number from 1 to 65535, or * for any port: \"https://api.example.com:*\"")]
    [InlineData("https://api.example.com:65536", "'65536' is not a port; write a number from 1 to 65535, or * for any port: \"https://api.example.com:*\"")]
    [InlineData("https://api.example.com:http", "'http' is not a port; write a number from 1 to 65535, or * for any port: \"https://api.example.com:*\"")]
    [InlineData("http://::1", "an IPv6 address is written in brackets; write \"http://[::1]\" (or \"http://[::1]:8080\" with a port)")]
    [InlineData("http://[::1", "the IPv6 address '[::1' has no closing ']'; write e.g. \"http://[::1]:8080\"")]
    [InlineData("http://[::1]8080", "'8080' follows the IPv6 address [::1]; write \"http://[::1]\" or \"http://[::1]:8080\"")]
    [InlineData("http://[localhost]", "'[localhost]' is not an IPv6 address; write e.g. \"http://[::1]\" (an IPv4 address or a name goes without brackets)")]
    [InlineData("http://[127.0.0.1]:80", "'[127.0.0.1]' is not an IPv6 address; write e.g. \"http://[::1]:80\" (an IPv4 address or a name goes without brackets)")]
    [InlineData("http://256.0.0.1", "'256.0.0.1' is not an IPv4 address; write four numbers from 0 to 255 without leading zeros, e.g. \"http://127.0.0.1\"")]
    [InlineData("http://127.1:*", "'127.1' is not an IPv4 address; write four numbers from 0 to 255 without leading zeros, e.g. \"http://127.0.0.1:*\"")]
    [InlineData("https://api.*.example.com", "'*' stands for a whole host or for the first label of a name, not for a part of 'api.*.example.com'; write \"https://*\" (any host) or e.g. \"https://*.example.com\" (any name under example.com)")]
    [InlineData("https://*example.com:443", "'*' stands for a whole host or for the first label of a name, not for a part of '*example.com'; write \"https://*:443\" (any host) or e.g. \"https://*.example.com:443\" (any name under example.com)")]
    [InlineData("https://*.*.example.com", "'*' stands for a whole host or for the first label of a name, not for a part of '*.*.example.com'; write \"https://*\" (any host) or e.g. \"https://*.example.com\" (any name under example.com)")]
    [InlineData("https://*.", "'*.' goes before a name; write e.g. \"https://*.example.com\"")]
    [InlineData("https://*.10.0.0.1", "'*.' goes before a name, not an IP address; write \"https://10.0.0.1\"")]
    [InlineData("https://example.com.", "'example.com.' ends with '.'; write \"https://example.com\"")]
    [InlineData("https://*.example.com.:*", "'*.example.com.' ends with '.'; write \"https://*.example.com:*\"")]
    [InlineData("https://a..example.com", "'a..example.com' has an empty label (two dots in a row, or a dot first); write a host name such as \"https://api.example.com\"")]
    [InlineData("https://exa!mple.com", "'exa!mple.com' has the character '!', which a host name cannot hold (letters, digits, '-' and '.'); write a host name such as \"https://api.example.com\"")]
    [InlineData("https://bücher.example:8443", "'bücher.example' has the character 'ü' (an internationalized name is written in its ASCII form, xn--…); write a host name such as \"https://api.example.com:8443\"")]
    [InlineData("https://api.example.com:8443:1", "'api.example.com:8443:1' has more than one ':'; write scheme://host[:port], e.g. \"https://api.example.com\", \"http://127.0.0.1:8080\" or \"https://*.example.com\"")]
    [InlineData("https://api. example.com", "a host pattern has no white space; write \"https://api.example.com\"")]
    [InlineData("", "a host pattern is not empty; write scheme://host[:port], e.g. \"https://api.example.com\", \"http://127.0.0.1:8080\" or \"https://*.example.com\"")]
    public void Says_what_to_write_instead(string text, string expected)
    {
        Assert.Null(OutboundHostPattern.Parse(text, out var problem));
        Assert.Equal(expected, problem);
        // The text to write, where the message gives one, is itself a pattern.
        var write = expected.IndexOf("write \"", StringComparison.Ordinal);
        if (write < 0 || expected.Contains("write e.g.", StringComparison.Ordinal)) return;
        var start = write + "write \"".Length;
        var fix = expected.Substring(start, expected.IndexOf('"', start) - start);
        Assert.True(OutboundHostPattern.Parse(fix, out var again) is not null, $"{fix}: {again}");
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "[::1]")]
    [InlineData("[::1]", "[::1]")]
    [InlineData("[0:0:0:0:0:0:0:1]", "[::1]")]
    [InlineData("FE80::A", "[fe80::a]")]
    [InlineData("example.com", null)]
    public void Addresses_have_one_canonical_form(string address, string? canonical) =>
        Assert.Equal(canonical, OutboundHostPattern.CanonicalAddress(address));
}
