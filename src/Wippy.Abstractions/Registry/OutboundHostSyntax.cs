using System.Globalization;

namespace Wippy.Registry;

/// <summary>
/// The rule for a <c>wasi.allowed_outbound_hosts</c> item (<see cref="OutboundHostPattern"/>): splits
/// <c>scheme://host[:port]</c> and says, for a mistake, what is wrong and what to write instead.
/// </summary>
internal static class OutboundHostSyntax
{
    private static readonly char[] AuthorityEnd = { '/', '?', '#' };

    /// <summary>
    /// Null when <paramref name="text"/> is a pattern (its parts then in the out parameters: scheme and host in lower
    /// case, the host canonical); otherwise what is wrong and what to write.
    /// </summary>
    public static string? Check(string text, out string? scheme, out string? host, out int? port, out bool anyPort)
    {
        scheme = null;
        host = null;
        port = null;
        anyPort = false;
        if (text.Trim().Length == 0) return "a host pattern is not empty; write " + OutboundHostPattern.Hint;
        if (HasWhiteSpace(text)) return $"a host pattern has no white space; write \"{WithoutWhiteSpace(text)}\"";

        var separator = text.IndexOf("://", StringComparison.Ordinal);
        if (separator < 0)
        {
            return $"a host pattern starts with its scheme; write \"https://{AuthorityOf(text)}\" (or http://, or *:// for both)";
        }

        var writtenScheme = text.Substring(0, separator);
        var rest = text.Substring(separator + 3);
        var authority = AuthorityOf(rest);
        var lowerScheme = writtenScheme.ToLowerInvariant();
        if (lowerScheme is not ("http" or "https" or "*"))
        {
            return writtenScheme.Length == 0
                ? $"a host pattern starts with its scheme; write \"https://{authority}\" (or http://, or *:// for both)"
                : $"the scheme '{writtenScheme}' is not one a guest can send requests with (http, https, or * for both); write \"https://{authority}\"";
        }

        var end = rest.IndexOfAny(AuthorityEnd);
        if (end >= 0)
        {
            var part = rest[end] switch { '/' => "path", '?' => "query", _ => "fragment" };
            return authority.Length == 0
                ? NoHost(writtenScheme)
                : $"a host pattern has no {part}; write \"{writtenScheme}://{authority}\"";
        }

        if (rest.IndexOf('@') >= 0)
        {
            return $"a host pattern has no user name or password; write \"{writtenScheme}://{authority}\"";
        }

        if (authority.Length == 0) return NoHost(writtenScheme);
        var problem = SplitPort(writtenScheme, authority, out var writtenHost, out var portText);
        if (problem is not null) return problem;
        problem = Port(writtenScheme, writtenHost, portText, out port, out anyPort);
        if (problem is not null) return problem;
        problem = Host(writtenScheme, writtenHost, portText, out host);
        if (problem is not null) return problem;
        scheme = lowerScheme;
        return null;
    }

    /// <summary>The authority part of <paramref name="rest"/> (what follows <c>://</c>): before any path, query or fragment, after any user name.</summary>
    private static string AuthorityOf(string rest)
    {
        var end = rest.IndexOfAny(AuthorityEnd);
        var authority = end < 0 ? rest : rest.Substring(0, end);
        var at = authority.LastIndexOf('@');
        return at < 0 ? authority : authority.Substring(at + 1);
    }

    private static string NoHost(string scheme) =>
        $"a host pattern names a host; write e.g. \"{scheme}://api.example.com\", or \"{scheme}://*\" for any host";

    /// <summary>Splits <c>host[:port]</c>; the host of an IPv6 address keeps its brackets.</summary>
    private static string? SplitPort(string scheme, string authority, out string host, out string? port)
    {
        port = null;
        host = authority;
        if (authority[0] == '[')
        {
            var close = authority.IndexOf(']');
            if (close < 0) return $"the IPv6 address '{authority}' has no closing ']'; write e.g. \"{scheme}://[::1]:8080\"";
            host = authority.Substring(0, close + 1);
            var after = authority.Substring(close + 1);
            if (after.Length == 0) return null;
            if (after[0] != ':') return $"'{after}' follows the IPv6 address {host}; write \"{scheme}://{host}\" or \"{scheme}://{host}:8080\"";
            port = after.Substring(1);
            return null;
        }

        var colon = authority.IndexOf(':');
        if (colon < 0) return null;
        if (authority.IndexOf(':', colon + 1) >= 0)
        {
            return OutboundHostPattern.CanonicalAddress(authority) is not null
                ? $"an IPv6 address is written in brackets; write \"{scheme}://[{authority}]\" (or \"{scheme}://[{authority}]:8080\" with a port)"
                : $"'{authority}' has more than one ':'; write " + OutboundHostPattern.Hint;
        }

        host = authority.Substring(0, colon);
        port = authority.Substring(colon + 1);
        return null;
    }

    private static string? Port(string scheme, string host, string? text, out int? port, out bool anyPort)
    {
        port = null;
        anyPort = false;
        if (text is null) return null;
        if (text == "*")
        {
            anyPort = true;
            return null;
        }

        if (text.Length == 0)
        {
            return $"a host pattern has a port after ':'; write \"{scheme}://{host}\" (the scheme's default port) or \"{scheme}://{host}:*\" (any port)";
        }

        if (IsDigits(text) && text.Length <= 5 && int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is var number and >= 1 and <= 65535)
        {
            port = number;
            return null;
        }

        return $"'{text}' is not a port; write a number from 1 to 65535, or * for any port: \"{scheme}://{host}:*\"";
    }

    private static string? Host(string scheme, string host, string? port, out string? canonical)
    {
        canonical = null;
        var suffix = port is null ? "" : ":" + port;
        if (host.Length == 0) return NoHost(scheme);
        if (host == "*")
        {
            canonical = host;
            return null;
        }

        if (host.StartsWith("*.", StringComparison.Ordinal) && host.IndexOf('*', 1) < 0)
        {
            var domain = host.Substring(2);
            if (domain.Length == 0) return $"'*.' goes before a name; write e.g. \"{scheme}://*.example.com{suffix}\"";
            if (domain[0] == '[' || LooksNumeric(domain))
            {
                return $"'*.' goes before a name, not an IP address; write \"{scheme}://{domain}{suffix}\"";
            }

            if (NameProblem(scheme, "*." + domain, suffix) is { } wrong) return wrong;
            canonical = "*." + domain.ToLowerInvariant();
            return null;
        }

        if (host.IndexOf('*') >= 0)
        {
            return $"'*' stands for a whole host or for the first label of a name, not for a part of '{host}'; write \"{scheme}://*{suffix}\" (any host) or e.g. \"{scheme}://*.example.com{suffix}\" (any name under example.com)";
        }

        if (host[0] == '[')
        {
            canonical = OutboundHostPattern.CanonicalAddress(host);
            return canonical is not null && host.IndexOf(':') >= 0
                ? null
                : $"'{host}' is not an IPv6 address; write e.g. \"{scheme}://[::1]{suffix}\" (an IPv4 address or a name goes without brackets)";
        }

        if (LooksNumeric(host))
        {
            if (HttpAddress.IsIPv4(host))
            {
                canonical = OutboundHostPattern.CanonicalAddress(host);
                return null;
            }

            return $"'{host}' is not an IPv4 address; write four numbers from 0 to 255 without leading zeros, e.g. \"{scheme}://127.0.0.1{suffix}\"";
        }

        if (NameProblem(scheme, host, suffix) is { } problem) return problem;
        canonical = host.ToLowerInvariant();
        return null;
    }

    /// <summary>
    /// Null when <paramref name="host"/> (a name, or <c>*.</c> and a name) is a host name: labels of ASCII letters,
    /// digits, <c>-</c> and <c>_</c>, at most 63 each, 253 in all; otherwise what is wrong and what to write.
    /// </summary>
    private static string? NameProblem(string scheme, string host, string portSuffix)
    {
        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host.Substring(2) : host;
        if (name.EndsWith(".", StringComparison.Ordinal) && name.TrimEnd('.').Length > 0)
        {
            return $"'{host}' ends with '.'; write \"{scheme}://{host.TrimEnd('.')}{portSuffix}\"";
        }

        var problem = LabelProblem(name);
        return problem is null ? null : $"'{host}' {problem}; write a host name such as \"{scheme}://api.example.com{portSuffix}\"";
    }

    private static string? LabelProblem(string name)
    {
        if (name.Length > 253) return "is longer than a host name may be (253 characters)";
        foreach (var label in name.Split('.'))
        {
            if (label.Length == 0) return "has an empty label (two dots in a row, or a dot first)";
            if (label.Length > 63) return $"has the label '{label}', longer than 63 characters";
            foreach (var c in label)
            {
                var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    return c > 127
                        ? $"has the character '{c}' (an internationalized name is written in its ASCII form, xn--…)"
                        : $"has the character '{c}', which a host name cannot hold (letters, digits, '-' and '.')";
                }
            }
        }

        return null;
    }

    /// <summary>Whether the last label is all digits, as in an IPv4 address (no top-level domain is).</summary>
    private static bool LooksNumeric(string host)
    {
        var last = host.Substring(host.LastIndexOf('.') + 1);
        return IsDigits(last);
    }

    private static bool IsDigits(string text)
    {
        if (text.Length == 0) return false;
        foreach (var c in text)
        {
            if (c < '0' || c > '9') return false;
        }

        return true;
    }

    private static bool HasWhiteSpace(string text)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c)) return true;
        }

        return false;
    }

    private static string WithoutWhiteSpace(string text)
    {
        var chars = new List<char>(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c)) chars.Add(c);
        }

        return new string(chars.ToArray());
    }
}
