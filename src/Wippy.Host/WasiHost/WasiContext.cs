using Microsoft.Extensions.Logging;
using Wippy.Host.Wasi;
using Wippy.Host.WasiHost.Http;

namespace Wippy.Host.WasiHost;

/// <summary>
/// What one store's guest sees through the host's own WASI: its arguments, its variables (the values the instance was
/// made with), its working directory, where its output goes, and where it may send HTTP requests. Made by
/// <see cref="GuestWasi"/> from the entry.
/// </summary>
internal sealed class WasiContext(
    IReadOnlyList<string> arguments,
    IReadOnlyList<KeyValuePair<string, string>> environment,
    string? initialCwd,
    GuestOutput? stdout,
    GuestOutput? stderr,
    IReadOnlyList<Filesystem.Preopen> preopens,
    OutboundHosts outboundHosts,
    ILogger? log,
    Stream? stdin = null)
{
    /// <summary>What an entry without a <c>wasi:</c> block gets: nothing, its output dropped, no request allowed.</summary>
    public static WasiContext Empty { get; } = new([], [], null, null, null, [], OutboundHosts.None, null);

    /// <summary>The arguments, as the entry writes them.</summary>
    public IReadOnlyList<string> Arguments { get; } = arguments;

    /// <summary>The mapped variables that have a value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment { get; } = environment;

    /// <summary>The working directory (<c>wasi.cwd</c>), or null.</summary>
    public string? InitialCwd { get; } = initialCwd;

    /// <summary>stdout, to the log.</summary>
    public GuestOutput? Stdout { get; } = stdout;

    /// <summary>stderr, to the log.</summary>
    public GuestOutput? Stderr { get; } = stderr;

    /// <summary>The directories the guest is given (none unless the entry grants wasi:filesystem).</summary>
    public IReadOnlyList<Filesystem.Preopen> Preopens { get; } = preopens;

    /// <summary>Where the guest may send HTTP requests (<c>wasi.allowed_outbound_hosts</c>; none unless listed).</summary>
    public OutboundHosts OutboundHosts { get; } = outboundHosts;

    /// <summary>The entry's guest log (category <c>Wippy.Guest.&lt;entry&gt;</c>): denied requests are logged there. Null: not logged.</summary>
    public ILogger? Log { get; } = log;

    /// <summary>What the guest reads as stdin: a command's terminal; null: nothing (an empty stream).</summary>
    public Stream? Stdin { get; } = stdin;
}
