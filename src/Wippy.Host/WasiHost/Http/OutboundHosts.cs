using Wippy.Registry;

namespace Wippy.Host.WasiHost.Http;

/// <summary>
/// Where an entry's guest may send requests through <c>wasi:http/outgoing-handler</c>: its
/// <c>wasi.allowed_outbound_hosts</c> patterns (<see cref="OutboundHostPattern"/>, docs/runtime.md#outgoing-http). A
/// request is allowed when one pattern matches its scheme, its host and its port (the scheme's default port when the
/// request names none), scheme and host without regard to letter case; with no pattern, none is.
/// </summary>
internal sealed class OutboundHosts
{
    private readonly OutboundHostPattern[] _patterns;

    /// <summary>The hosts of <paramref name="patterns"/>.</summary>
    public OutboundHosts(IEnumerable<OutboundHostPattern> patterns)
    {
        _patterns = patterns.ToArray();
        AllowsEverything = AllowsAnyHostAndPort("http") && AllowsAnyHostAndPort("https");
    }

    /// <summary>No host at all: every request is denied.</summary>
    public static OutboundHosts None { get; } = new([]);

    /// <summary>The patterns.</summary>
    public IReadOnlyList<OutboundHostPattern> Patterns => _patterns;

    /// <summary>Whether every request is allowed, whatever its scheme, host and port (<c>*://*:*</c>).</summary>
    public bool AllowsEverything { get; }

    /// <summary>
    /// The hosts of <paramref name="written"/> (<see cref="Registry.WasiSettings.AllowedOutboundHosts"/>); null with
    /// <paramref name="problem"/> saying which item is not a pattern and why (a descriptor not made by the generator).
    /// </summary>
    public static OutboundHosts? Parse(IReadOnlyList<string> written, out string? problem)
    {
        problem = null;
        var patterns = new OutboundHostPattern[written.Count];
        for (var i = 0; i < written.Count; i++)
        {
            if (OutboundHostPattern.Parse(written[i], out var wrong) is not { } pattern)
            {
                problem = $"wasi.allowed_outbound_hosts[{i}] (\"{written[i]}\"): {wrong}";
                return null;
            }
            patterns[i] = pattern;
        }
        return patterns.Length == 0 ? None : new OutboundHosts(patterns);
    }

    /// <summary>Whether a request to <paramref name="target"/> (an absolute <c>http</c> or <c>https</c> URI) may be sent.</summary>
    public bool Allows(Uri target) => Allows(target.Scheme, HostOf(target), target.Port);

    /// <summary>
    /// Whether a request with <paramref name="scheme"/> (<c>http</c> or <c>https</c>), <paramref name="host"/> (a name,
    /// or an IP address in the form of <see cref="OutboundHostPattern.CanonicalAddress"/>) and <paramref name="port"/>
    /// may be sent.
    /// </summary>
    public bool Allows(string scheme, string host, int port)
    {
        foreach (var pattern in _patterns)
        {
            if (Matches(pattern, scheme, host, port)) return true;
        }
        return false;
    }

    /// <summary>Whether <paramref name="pattern"/> matches the request (see <see cref="Allows(string, string, int)"/>).</summary>
    public static bool Matches(OutboundHostPattern pattern, string scheme, string host, int port)
    {
        if (pattern.Scheme != "*" && !string.Equals(pattern.Scheme, scheme, StringComparison.OrdinalIgnoreCase)) return false;
        var portMatches = pattern.AnyPort || port == (pattern.Port ?? OutboundHostPattern.DefaultPort(scheme.ToLowerInvariant()));
        if (!portMatches) return false;
        if (pattern.AnyHost) return true;
        if (pattern.DomainSuffix is { } suffix)
        {
            return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && OutboundHostPattern.CanonicalAddress(host) is null;
        }
        return string.Equals(pattern.Host, host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The host <paramref name="target"/> connects to, as patterns are compared with it: an IP address in its canonical
    /// form (<c>[::1]</c>, <c>127.0.0.1</c>, whatever way the request wrote it), a name in its ASCII form without a
    /// final dot (<c>example.com.</c> is <c>example.com</c>).
    /// </summary>
    public static string HostOf(Uri target)
    {
        if (target.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            return OutboundHostPattern.CanonicalAddress(target.Host) ?? target.Host;
        }
        var name = target.IdnHost;
        return name.EndsWith('.') ? name[..^1] : name;
    }

    /// <summary>The pattern that would allow exactly <paramref name="target"/>'s scheme, host and port (for messages).</summary>
    public static string PatternFor(Uri target) =>
        $"{target.Scheme}://{HostOf(target)}{(target.Port == OutboundHostPattern.DefaultPort(target.Scheme) ? "" : ":" + target.Port)}";

    private bool AllowsAnyHostAndPort(string scheme) =>
        _patterns.Any(p => p.AnyHost && p.AnyPort && (p.Scheme == "*" || p.Scheme == scheme));
}
