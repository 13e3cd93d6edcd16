using Wippy.Host.HostInterfaces;
using Wippy.Host.Wasi;
using Wippy.Host.WasiHost.Cli;
using Wippy.Host.WasiHost.Clocks;
using Wippy.Host.WasiHost.Io;
using Wippy.Host.WasiHost.Random;

namespace Wippy.Host.WasiHost;

/// <summary>
/// The WASI 0.2 interfaces this runtime implements in C#, by name without version. A guest is linked to them when
/// every WASI interface it imports is here; otherwise (it imports one not written yet, such as wasi:filesystem) it
/// gets Wasmtime's built-in WASI, as before, because the two cannot be mixed in one guest: interfaces share resource
/// types (a clock's subscription is wasi:io/poll's pollable).
/// </summary>
internal static class WasiInterfaces
{
    private static readonly Dictionary<string, HostInterface> ByName = new HostInterface[]
    {
        PollInterface.Interface,
        IoErrorInterface.Interface,
        StreamsInterface.Interface,
        EnvironmentInterface.Interface,
        ExitInterface.Interface,
        StdioInterfaces.Stdin,
        StdioInterfaces.Stdout,
        StdioInterfaces.Stderr,
        TerminalInterfaces.TerminalInput,
        TerminalInterfaces.TerminalOutput,
        TerminalInterfaces.TerminalStdin,
        TerminalInterfaces.TerminalStdout,
        TerminalInterfaces.TerminalStderr,
        MonotonicClockInterface.Interface,
        WallClockInterface.Interface,
        RandomInterface.Interface,
        InsecureRandomInterface.Interface,
        InsecureSeedInterface.Interface,
    }.ToDictionary(i => i.Name, StringComparer.Ordinal);

    /// <summary>The interface a guest imports as <paramref name="instanceName"/> (any 0.2.x version), or null.</summary>
    public static HostInterface? Find(string instanceName) =>
        IsWasi02(instanceName) && ByName.TryGetValue(WasiGrants.Unversioned(instanceName), out var found) ? found : null;

    /// <summary>Whether <paramref name="instanceName"/> is unversioned or of version 0.2.x (the versions implemented).</summary>
    private static bool IsWasi02(string instanceName)
    {
        var at = instanceName.IndexOf('@');
        return at < 0 || instanceName.AsSpan(at + 1).StartsWith("0.2.", StringComparison.Ordinal);
    }
}
