using Wippy.Registry;

namespace Wippy.Host.Wasi;

/// <summary>
/// What an entry's <c>imports:</c> grants (docs/registry.md#imports): WASI 0.2 interface groups for components, preview1 functions for
/// core modules. A group also grants the groups its own types are built on (<see cref="Implied"/>): wasi:cli's stdout
/// is a wasi:io stream, and a stream is polled through wasi:io/poll, so an entry that declares wasi:cli can print.
/// </summary>
internal sealed class WasiGrants
{
    /// <summary>The WASI version Wasmtime 50's <c>add_wasip2</c> defines its interfaces under (older 0.2.x imports match it by semver).</summary>
    public const string WasmtimeWasiVersion = "0.2.12";

    private static readonly Dictionary<string, string> GroupOfInterface = new(StringComparer.Ordinal)
    {
        ["wasi:cli/environment"] = "wasi:cli",
        ["wasi:cli/exit"] = "wasi:cli",
        ["wasi:cli/stdin"] = "wasi:cli",
        ["wasi:cli/stdout"] = "wasi:cli",
        ["wasi:cli/stderr"] = "wasi:cli",
        ["wasi:cli/terminal-input"] = "wasi:cli",
        ["wasi:cli/terminal-output"] = "wasi:cli",
        ["wasi:cli/terminal-stdin"] = "wasi:cli",
        ["wasi:cli/terminal-stdout"] = "wasi:cli",
        ["wasi:cli/terminal-stderr"] = "wasi:cli",
        ["wasi:io/error"] = "wasi:io",
        ["wasi:io/streams"] = "wasi:io",
        ["wasi:io/poll"] = "wasi:poll",
        ["wasi:clocks/wall-clock"] = "wasi:clocks",
        ["wasi:clocks/monotonic-clock"] = "wasi:clocks",
        ["wasi:filesystem/types"] = "wasi:filesystem",
        ["wasi:filesystem/preopens"] = "wasi:filesystem",
        ["wasi:random/random"] = "wasi:random",
        ["wasi:random/insecure"] = "wasi:random",
        ["wasi:random/insecure-seed"] = "wasi:random",
        ["wasi:sockets/network"] = "wasi:sockets",
        ["wasi:sockets/instance-network"] = "wasi:sockets",
        ["wasi:sockets/ip-name-lookup"] = "wasi:sockets",
        ["wasi:sockets/tcp"] = "wasi:sockets",
        ["wasi:sockets/tcp-create-socket"] = "wasi:sockets",
        ["wasi:sockets/udp"] = "wasi:sockets",
        ["wasi:sockets/udp-create-socket"] = "wasi:sockets",
        ["wasi:http/types"] = "wasi:http",
        ["wasi:http/outgoing-handler"] = "wasi:http",
    };

    /// <summary>The groups a declared group brings with it: those its types are built on.</summary>
    public static IReadOnlyDictionary<string, string[]> Implied { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["wasi:cli"] = ["wasi:io", "wasi:poll"],
        ["wasi:io"] = ["wasi:poll"],
        ["wasi:clocks"] = ["wasi:poll"],
        ["wasi:filesystem"] = ["wasi:io", "wasi:poll"],
        ["wasi:sockets"] = ["wasi:io", "wasi:poll"],
        ["wasi:http"] = ["wasi:io", "wasi:poll"],
        ["wippy:actor"] = ["wasi:poll"], // subscribe returns a wasi:io/poll pollable
    };

    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);

    /// <summary>The grants of <paramref name="imports"/> (normalized <c>imports:</c> names).</summary>
    public WasiGrants(IEnumerable<string> imports)
    {
        foreach (var name in imports)
        {
            if (name == ImportNames.Preview1)
            {
                Preview1 = true;
                continue;
            }
            if (_groups.Add(name) && Implied.TryGetValue(name, out var implied)) _groups.UnionWith(implied);
        }
    }

    /// <summary>True when the entry declared WASI preview1 (any alias): a core module gets all of it.</summary>
    public bool Preview1 { get; }

    /// <summary>Whether the group (<c>wasi:cli</c>…) is granted, declared or implied.</summary>
    public bool Grants(string group) => _groups.Contains(group);

    /// <summary>
    /// The group of a WASI 0.2 interface as a component imports it (<c>wasi:random/random@0.2.0</c> → <c>wasi:random</c>);
    /// for an interface outside the table of docs/registry.md#imports, its package (<c>wasi:keyvalue</c>), which no entry can grant.
    /// </summary>
    public static string GroupOf(string instance)
    {
        var name = Unversioned(instance);
        if (GroupOfInterface.TryGetValue(name, out var group)) return group;
        var slash = name.IndexOf('/');
        return slash < 0 ? name : name.Substring(0, slash);
    }

    /// <summary>Whether Wasmtime's WASI defines the interface (<c>wasi:http/*</c> only with the HTTP part added).</summary>
    public static bool IsKnownInterface(string instance) => GroupOfInterface.ContainsKey(Unversioned(instance));

    /// <summary>The interface without its <c>@version</c>.</summary>
    public static string Unversioned(string instance)
    {
        var at = instance.IndexOf('@');
        return at < 0 ? instance : instance.Substring(0, at);
    }

    /// <summary>
    /// Whether a core module may call the preview1 function <paramref name="function"/>: all of them with a preview1
    /// alias; otherwise by the group the function belongs to (<see cref="GroupOfPreview1"/>). The <c>fd_*</c>
    /// functions serve stdio as much as files, so wasi:cli and wasi:io grant them as well as wasi:filesystem.
    /// </summary>
    public bool GrantsPreview1(string function)
    {
        if (Preview1 || AlwaysAnswered(function)) return true;
        if (function.StartsWith("fd_", StringComparison.Ordinal))
        {
            return Grants("wasi:filesystem") || Grants("wasi:cli") || Grants("wasi:io");
        }
        return Grants(GroupOfPreview1(function));
    }

    /// <summary>
    /// Whether the guest may always ask this, granted or not, because the preview1 adapter and wasi-libc ask at
    /// start-up (so no guest built with them could start otherwise): which directories it was given (none unless
    /// wasi:filesystem is granted: only then are mounts preopened) and the handles of its standard streams (stdin is
    /// empty; what it writes goes to the log; using a stream still needs wasi:io, which wasi:cli implies).
    /// </summary>
    public static bool AlwaysAnswered(string preview1OrInterface) => preview1OrInterface switch
    {
        "fd_prestat_get" or "fd_prestat_dir_name" => true,
        _ => Unversioned(preview1OrInterface) is "wasi:filesystem/preopens"
            or "wasi:cli/stdin" or "wasi:cli/stdout" or "wasi:cli/stderr"
            or "wasi:cli/terminal-stdin" or "wasi:cli/terminal-stdout" or "wasi:cli/terminal-stderr",
    };

    /// <summary>The WASI 0.2 group a preview1 function corresponds to (<c>random_get</c> → <c>wasi:random</c>).</summary>
    public static string GroupOfPreview1(string function) => function switch
    {
        _ when function.StartsWith("args_", StringComparison.Ordinal)
            || function.StartsWith("environ_", StringComparison.Ordinal)
            || function.StartsWith("proc_", StringComparison.Ordinal) => "wasi:cli",
        _ when function.StartsWith("clock_", StringComparison.Ordinal) => "wasi:clocks",
        "poll_oneoff" or "sched_yield" => "wasi:poll",
        "random_get" => "wasi:random",
        _ when function.StartsWith("sock_", StringComparison.Ordinal) => "wasi:sockets",
        _ => "wasi:filesystem",
    };
}
