using Wippy.Host.HostInterfaces;
using Wippy.Host.Wasi;
using Wippy.Host.WasiHost.Cli;
using Wippy.Host.WasiHost.Clocks;
using Wippy.Host.WasiHost.Filesystem;
using Wippy.Host.WasiHost.Http;
using Wippy.Host.WasiHost.Io;
using Wippy.Host.WasiHost.Random;

namespace Wippy.Host.WasiHost;

/// <summary>
/// The WASI 0.2 interfaces this runtime implements in C#, by name without version. A guest is linked to them when
/// every WASI interface it imports is here (<see cref="Serves"/>); otherwise (it imports one not written yet, such as wasi:filesystem) it
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
        FilesystemInterface.Interface,
        PreopensInterface.Interface,
        MonotonicClockInterface.Interface,
        WallClockInterface.Interface,
        RandomInterface.Interface,
        InsecureRandomInterface.Interface,
        InsecureSeedInterface.Interface,
        HttpTypesInterface.Interface,
        OutgoingHandlerInterface.Interface,
    }.ToDictionary(i => i.Name, StringComparer.Ordinal);

    /// <summary>
    /// Functions the host implements but Wasmtime cannot call through its C API yet: those whose parameters hold more
    /// than one borrowed handle (<c>poll</c>'s list of pollables, <c>rename-at</c>'s second descriptor). Wasmtime
    /// 50.0.1 fails to lift them into a host function defined through the C API ("BUG: deferred host scope has no call
    /// context", before any C# runs), while its own Rust WASI lifts them; one borrowed handle works (<c>self</c>, or
    /// <c>poll</c> over a list of one: measured by lifting the rule for a test run). Through the component model a
    /// guest that imports one of these stays on Wasmtime's WASI, so that it keeps working; wasi-libc's sleep and
    /// <c>poll_oneoff</c> through the preview1 adapter import <c>poll</c>, its <c>rename</c> imports <c>rename-at</c>.
    /// Called directly (a planned component) the host lifts the arguments itself, and its own WASI serves them.
    /// </summary>
    private static readonly Dictionary<string, string[]> NotCallableThroughCApi = new(StringComparer.Ordinal)
    {
        ["wasi:io/poll"] = ["poll"],
        ["wasi:io/streams"] = ["[method]output-stream.splice", "[method]output-stream.blocking-splice"],
        ["wasi:filesystem/types"] = ["[method]descriptor.rename-at", "[method]descriptor.link-at", "[method]descriptor.is-same-object"],
    };

    /// <summary>
    /// Whether the host's own WASI can serve the import <paramref name="instanceName"/> with
    /// <paramref name="functionNames"/>: the interface is written, at a 0.2.x version, and none of the functions is one
    /// Wasmtime cannot call through its C API (<see cref="NotCallableThroughCApi"/>).
    /// </summary>
    public static bool Serves(string instanceName, IEnumerable<string> functionNames) => WhyNotServed(instanceName, functionNames) is null;

    /// <summary>
    /// Null when the host's own WASI can serve the import (<see cref="Serves"/>); otherwise why not, for messages:
    /// <c>'wasi:sockets/tcp@0.2.0', an interface the host's own WASI does not implement</c>.
    /// </summary>
    /// <remarks>
    /// With <paramref name="evenUnliftable"/>, the functions of <see cref="NotCallableThroughCApi"/> do not count: for a
    /// guest that can only run on the host's own WASI (a <c>wasi:http/incoming-handler</c> component, whose request only
    /// this host can make), such a function is linked anyway, and a call that passes more than one borrowed handle
    /// fails (an error of that call, naming Wasmtime's refusal), while the rest of the guest works.
    /// </remarks>
    public static string? WhyNotServed(string instanceName, IEnumerable<string> functionNames, bool evenUnliftable = false)
    {
        if (Find(instanceName) is not { } found) return $"'{instanceName}', an interface the host's own WASI does not implement";
        if (!evenUnliftable && NotCallableThroughCApi.TryGetValue(found.Name, out var blocked) && functionNames.FirstOrDefault(blocked.Contains) is { } function)
        {
            return $"'{instanceName}#{function}', which Wasmtime cannot call in the host's own WASI through its C API";
        }
        return null;
    }

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
