using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Wippy.Registry;

/// <summary>
/// The rule for an <c>http.service</c>'s <c>addr</c>: <c>[host]:port</c>, where the host is nothing (every interface),
/// an IPv4 address in dotted form, <c>localhost</c>, or an IPv6 address in brackets, and the port a whole number from
/// 0 to 65535 (0: a free port the system picks).
/// </summary>
internal static class HttpAddress
{
    /// <summary>What to write, for messages.</summary>
    public const string Hint =
        "\"addr: ':8080'\" (every interface), \"addr: '127.0.0.1:8080'\" (one address), \"addr: 'localhost:8080'\" or \"addr: '[::1]:8080'\", with a port from 0 to 65535";

    /// <summary>Null when <paramref name="text"/> is a listen address; otherwise what is wrong with it.</summary>
    public static string? Problem(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            return IsDigits(text) ? "it has a port but no ':' before it" : "it is not [host]:port";
        }

        var port = text.Substring(colon + 1);
        if (!IsDigits(port) || !int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number > 65535)
        {
            return port.Length == 0 ? "it has no port after ':'" : $"'{port}' is not a port from 0 to 65535";
        }

        var host = text.Substring(0, colon);
        if (host.Length == 0 || string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || IsIPv4(host))
        {
            return null;
        }

        if (host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal)
            && IPAddress.TryParse(host.Substring(1, host.Length - 2), out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return null;
        }

        return host.IndexOf(':') >= 0 && !host.StartsWith("[", StringComparison.Ordinal)
            ? $"the IPv6 address '{host}' must be written in brackets, e.g. '[{host}]:{port}'"
            : $"'{host}' is not an IP address of this machine or localhost (a service listens on an address, not on a host name)";
    }

    /// <summary>Whether <paramref name="host"/> is four decimal numbers from 0 to 255 separated by dots, without leading zeros.</summary>
    public static bool IsIPv4(string host)
    {
        var parts = host.Split('.');
        if (parts.Length != 4) return false;
        foreach (var part in parts)
        {
            if (!IsDigits(part) || part.Length > 3 || (part.Length > 1 && part[0] == '0')) return false;
            if (int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255) return false;
        }

        return true;
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
}
