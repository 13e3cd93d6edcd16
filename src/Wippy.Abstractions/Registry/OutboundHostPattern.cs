using System.Globalization;

namespace Wippy.Registry;

/// <summary>
/// One item of an entry's <c>wasi.allowed_outbound_hosts</c> (docs/registry.md#wasi): where its guest may send HTTP
/// requests through <c>wasi:http/outgoing-handler</c>, in Spin's syntax <c>scheme://host[:port]</c>. The scheme is
/// <c>http</c>, <c>https</c> or <c>*</c> (both); the host a name, an IPv4 address, an IPv6 address in brackets, <c>*</c>
/// (any host) or <c>*.example.com</c> (any name under example.com, not example.com itself); the port a number or
/// <c>*</c> (any port), and without one the default port of the request's scheme (80 for http, 443 for https). No path,
/// query, fragment or user name. Scheme and host are kept in lower case, an IP address in its canonical form
/// (<see cref="CanonicalAddress"/>), so that matching compares them as they are.
/// </summary>
public sealed class OutboundHostPattern
{
    /// <summary>What a pattern looks like, for messages.</summary>
    public const string Hint = "scheme://host[:port], e.g. \"https://api.example.com\", \"http://127.0.0.1:8080\" or \"https://*.example.com\"";

    private OutboundHostPattern(string text, string scheme, string host, int? port, bool anyPort)
    {
        Text = text;
        Scheme = scheme;
        Host = host;
        Port = port;
        AnyPort = anyPort;
    }

    /// <summary>The pattern as written.</summary>
    public string Text { get; }

    /// <summary><c>http</c>, <c>https</c> or <c>*</c> (either).</summary>
    public string Scheme { get; }

    /// <summary>
    /// The host in lower case: <c>*</c> (any host), <c>*.example.com</c> (any name under example.com), a name, an IPv4
    /// address or an IPv6 address in brackets (both canonical: <see cref="CanonicalAddress"/>).
    /// </summary>
    public string Host { get; }

    /// <summary>The port written, or null: none written (the default port of the request's scheme) or <c>*</c> (<see cref="AnyPort"/>).</summary>
    public int? Port { get; }

    /// <summary>Whether the port is <c>*</c>: any port.</summary>
    public bool AnyPort { get; }

    /// <summary>Whether the host is <c>*</c>: any host.</summary>
    public bool AnyHost => Host == "*";

    /// <summary>For <c>*.example.com</c>, <c>.example.com</c>: what the name of a matching host ends with; otherwise null.</summary>
    public string? DomainSuffix => Host.StartsWith("*.", StringComparison.Ordinal) ? Host.Substring(1) : null;

    /// <summary>The pattern in its canonical form: <c>scheme://host</c>, then <c>:port</c> or <c>:*</c> when written.</summary>
    public override string ToString() =>
        Scheme + "://" + Host + (AnyPort ? ":*" : Port is { } port ? ":" + port.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>The default port of <paramref name="scheme"/> (<c>http</c> or <c>https</c>, lower case): 443 for https, 80 otherwise.</summary>
    public static int DefaultPort(string scheme) => scheme == "https" ? 443 : 80;

    /// <summary>
    /// The canonical form of an IP address, as patterns keep it and requests are compared with it: IPv4 dotted
    /// (<c>127.0.0.1</c>), IPv6 compressed, in lower case and in brackets (<c>[::1]</c>); null when
    /// <paramref name="address"/> (an IPv6 address with or without brackets) is not an IP address.
    /// </summary>
    public static string? CanonicalAddress(string address)
    {
        var bracketed = address.Length > 1 && address[0] == '[' && address[address.Length - 1] == ']';
        var inner = bracketed ? address.Substring(1, address.Length - 2) : address;
        if (!System.Net.IPAddress.TryParse(inner, out var ip)) return null;
        return ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? "[" + ip.ToString().ToLowerInvariant() + "]"
            : ip.ToString();
    }

    /// <summary>
    /// Reads <paramref name="text"/>; null with <paramref name="problem"/> when it is not a pattern: what is wrong, then
    /// what to write (<c>a host pattern has no path; write "https://api.example.com"</c>).
    /// </summary>
    public static OutboundHostPattern? Parse(string text, out string? problem)
    {
        problem = OutboundHostSyntax.Check(text, out var scheme, out var host, out var port, out var anyPort);
        return problem is null ? new OutboundHostPattern(text, scheme!, host!, port, anyPort) : null;
    }
}
