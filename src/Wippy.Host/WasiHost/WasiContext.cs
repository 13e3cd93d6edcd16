using Wippy.Host.Wasi;

namespace Wippy.Host.WasiHost;

/// <summary>
/// What one store's guest sees through the host's own WASI: its arguments, its variables (the values the instance was
/// made with), its working directory, and where its output goes. Made by <see cref="GuestWasi"/> from the entry.
/// </summary>
internal sealed class WasiContext(
    IReadOnlyList<string> arguments,
    IReadOnlyList<KeyValuePair<string, string>> environment,
    string? initialCwd,
    GuestOutput? stdout,
    GuestOutput? stderr,
    IReadOnlyList<Filesystem.Preopen> preopens)
{
    /// <summary>What an entry without a <c>wasi:</c> block gets: nothing, and its output dropped.</summary>
    public static WasiContext Empty { get; } = new([], [], null, null, null, []);

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
}
