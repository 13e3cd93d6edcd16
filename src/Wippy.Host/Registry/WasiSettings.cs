namespace Wippy.Host.Registry;

/// <summary>An entry's <c>wasi:</c> block (docs/registry.md#wasi), as generated from the registry.</summary>
public sealed class WasiSettings
{
    /// <summary>The settings of an entry without a <c>wasi:</c> block: no arguments, variables or mounts, no outbound hosts.</summary>
    public static WasiSettings None { get; } = new();

    /// <summary>The guest's command-line arguments, exactly as written (no program name is added).</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>The guest's working directory (absolute), or null: relative paths then resolve against nothing.</summary>
    public string? Cwd { get; init; }

    /// <summary>The variables the guest sees, each from an <c>env.variable</c> entry, resolved at call time.</summary>
    public IReadOnlyList<WasiEnvSetting> Env { get; init; } = [];

    /// <summary>The fs entries mounted into the guest.</summary>
    public IReadOnlyList<WasiMountSetting> Mounts { get; init; } = [];

    /// <summary>
    /// Where the guest may send HTTP requests through <c>wasi:http/outgoing-handler</c> (<c>allowed_outbound_hosts</c>):
    /// patterns <c>scheme://host[:port]</c> as docs/registry.md#wasi describes them (<c>https://api.example.com</c>,
    /// <c>http://127.0.0.1:*</c>, <c>https://*.example.com</c>). Empty: nowhere, every request is denied.
    /// </summary>
    public IReadOnlyList<string> AllowedOutboundHosts { get; init; } = [];
}

/// <summary>One <c>wasi.env</c> item.</summary>
/// <param name="VariableId">The <c>env.variable</c> entry whose value the guest sees.</param>
/// <param name="Name">The variable's name inside the guest.</param>
/// <param name="Required">Whether a missing value fails the call (NotFound).</param>
public sealed record WasiEnvSetting(string VariableId, string Name, bool Required);

/// <summary>One <c>wasi.mounts</c> item.</summary>
/// <param name="FsId">The fs entry mounted.</param>
/// <param name="Guest">The absolute path the guest sees it at.</param>
/// <param name="ReadOnly">Whether writes are refused.</param>
public sealed record WasiMountSetting(string FsId, string Guest, bool ReadOnly);
