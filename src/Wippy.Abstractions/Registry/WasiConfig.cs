using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// An entry's <c>wasi</c> block (docs/registry.md#wasi): arguments, working directory, mapped variables, mounts, and the
/// hosts its guest may send HTTP requests to.
/// </summary>
public sealed class WasiConfig
{
    /// <summary>The configuration of an entry without a <c>wasi</c> block: no arguments, no variables, no mounts.</summary>
    public static WasiConfig Empty { get; } = new(Array.Empty<string>(), null, null, Array.Empty<WasiEnvBinding>(), Array.Empty<WasiMount>(), null);

    /// <summary>Creates a configuration.</summary>
    /// <param name="args"><c>args</c>.</param>
    /// <param name="cwd"><c>cwd</c>, or <see langword="null"/>.</param>
    /// <param name="cwdPosition">Where <c>cwd</c> is written.</param>
    /// <param name="env"><c>env</c>.</param>
    /// <param name="mounts"><c>mounts</c>.</param>
    /// <param name="position">Where the block is.</param>
    public WasiConfig(
        IReadOnlyList<string> args, string? cwd, SourcePosition? cwdPosition, IReadOnlyList<WasiEnvBinding> env, IReadOnlyList<WasiMount> mounts, SourcePosition? position)
    {
        Args = args;
        Cwd = cwd;
        CwdPosition = cwdPosition;
        Env = env;
        Mounts = mounts;
        Position = position;
    }

    /// <summary>Command-line arguments passed to the guest.</summary>
    public IReadOnlyList<string> Args { get; }

    /// <summary>The guest's working directory (absolute), or <see langword="null"/>.</summary>
    public string? Cwd { get; }

    /// <summary>Where <c>cwd</c> is written, or <see langword="null"/>.</summary>
    public SourcePosition? CwdPosition { get; }

    /// <summary>Variables mapped from <c>env.variable</c> entries; only these are visible to the guest.</summary>
    public IReadOnlyList<WasiEnvBinding> Env { get; }

    /// <summary>Filesystem entries mounted at guest paths.</summary>
    public IReadOnlyList<WasiMount> Mounts { get; }

    /// <summary>Where the <c>wasi</c> block is, or <see langword="null"/> when the entry has none.</summary>
    public SourcePosition? Position { get; }

    /// <summary>
    /// <c>allowed_outbound_hosts</c>: where the guest may send requests through <c>wasi:http/outgoing-handler</c>; empty
    /// (also when not written): nowhere. The items that are not patterns were reported and are left out.
    /// </summary>
    public IReadOnlyList<OutboundHostPattern> AllowedOutboundHosts { get; init; } = Array.Empty<OutboundHostPattern>();

    /// <summary>Where <c>allowed_outbound_hosts</c> is written, or <see langword="null"/> when it is not.</summary>
    public SourcePosition? AllowedOutboundHostsPosition { get; init; }
}
