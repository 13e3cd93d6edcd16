using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Wippy.Http;

/// <summary>An <c>http.service</c>'s <c>addr</c>: <c>":8080"</c> (every interface), <c>"127.0.0.1:8080"</c>, <c>"[::1]:8080"</c>, <c>"localhost:8080"</c>.</summary>
internal readonly record struct ListenAddress(string? Host, int Port)
{
    /// <summary>Parses <paramref name="text"/>; the build checked the registry's, so a bad one here came from configuration.</summary>
    /// <exception cref="FormatException">Not <c>[host]:port</c>.</exception>
    public static ListenAddress Parse(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"'{text}' is not an HTTP address: write \":8080\" (every interface) or \"127.0.0.1:8080\"");
        }
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        return new ListenAddress(host.Length == 0 ? null : host, port);
    }

    /// <summary>Makes Kestrel listen here.</summary>
    public void ApplyTo(KestrelServerOptions kestrel)
    {
        if (Host is null) kestrel.ListenAnyIP(Port);
        else if (string.Equals(Host, "localhost", StringComparison.OrdinalIgnoreCase)) kestrel.ListenLocalhost(Port);
        else if (IPAddress.TryParse(Host, out var ip)) kestrel.Listen(ip, Port);
        else throw new FormatException($"'{Host}' is not an IP address or localhost: an http.service listens on an address of this machine");
    }
}
