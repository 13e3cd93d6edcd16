using Microsoft.Extensions.Logging;
using Wippy.Host.Env;
using Wippy.Host.HostInterfaces;
using Wippy.Host.Native;
using Wippy.Host.Registry;
using Wippy.Host.WasiHost;
using Wippy.Host.WasiHost.Http;
using Wippy.Security;

namespace Wippy.Host.Wasi;

/// <summary>
/// An entry's WASI, as its instances get it (docs/runtime.md#wasi, docs/runtime.md#security-context): the arguments, the variables mapped from env entries
/// (resolved again for every call), the mounted fs entries (checked with the policy, <c>fs.get</c>, before every call),
/// the hosts it may send HTTP requests to, and the guest's output, logged in the category <c>Wippy.Guest.&lt;entry id&gt;</c>.
/// </summary>
/// <remarks>
/// Wasmtime fixes a store's WASI state when the store is made, so an instance sees the variables of the moment it was
/// created. Every call resolves them again and an instance made with other values is replaced before the call runs:
/// the guest always sees the current values.
/// </remarks>
internal sealed class GuestWasi
{
    private readonly FunctionDescriptor _descriptor;
    private readonly EnvValues _env;
    private readonly ICallPolicy? _policy;
    private readonly ILogger _output;
    private readonly Mount[] _mounts;
    private readonly string[] _names;
    private readonly string[] _args;
    private readonly Mount[] _preopened;
    private readonly WasiHost.Filesystem.Preopen[] _preopens;

    private readonly Cli.CommandTerminal? _terminal;

    private GuestWasi(FunctionDescriptor descriptor, EnvValues env, ICallPolicy? policy, ILogger output, Mount[] mounts, Mount? cwd, OutboundHosts outboundHosts, Cli.CommandTerminal? terminal)
    {
        _terminal = terminal;
        _descriptor = descriptor;
        OutboundHosts = outboundHosts;
        _env = env;
        _policy = policy;
        _output = output;
        _mounts = mounts;
        _names = descriptor.Wasi.Env.Select(e => e.Name).ToArray();
        // A command's guest sees its name first, as a program sees argv[0], then the entry's arguments and the command line's.
        _args = terminal is null ? descriptor.Wasi.Args.ToArray() : [descriptor.Command?.Name ?? descriptor.Id, .. descriptor.Wasi.Args, .. terminal.Arguments];
        Grants = new WasiGrants(descriptor.Imports);
        // The directories the guest is given: every mount, and the working directory as ".", only with the grant.
        _preopened = Grants.Grants("wasi:filesystem") || Grants.Preview1 ? [.. mounts, .. cwd is null ? [] : new[] { cwd }] : [];
        _preopens = _preopened.Select(m => new WasiHost.Filesystem.Preopen(Path.GetFullPath(m.Host), m.Guest, m.Writable)).ToArray();
    }

    /// <summary>What the entry's <c>imports:</c> grants.</summary>
    public WasiGrants Grants { get; }

    /// <summary>Where the guest may send HTTP requests (<c>wasi.allowed_outbound_hosts</c>), read once for every instance.</summary>
    public OutboundHosts OutboundHosts { get; }

    /// <summary>
    /// The entry's WASI, with each mount's host directory found now (an fs entry with <c>auto_init</c> is created);
    /// with <c>terminal</c> (the entry a command runs), its arguments and output are the command's.
    /// </summary>
    /// <exception cref="WippyException">
    /// A mount names no fs.directory entry, or its directory does not exist; an outbound host is not a pattern (Invalid).
    /// </exception>
    public static GuestWasi Create(FunctionDescriptor d, RegistryManifest manifest, string registryRoot, EnvValues env, ICallPolicy? policy, ILoggerFactory loggers, Cli.CommandTerminal? terminal = null)
    {
        var outboundHosts = OutboundHosts.Parse(d.Wasi.AllowedOutboundHosts, out var problem)
            ?? throw new WippyException(ErrorKind.Invalid, d.Id, problem + " (the build reports this; rebuild the app)");
        var mounts = d.Wasi.Mounts.Select(m => ResolveMount(d, m, manifest, registryRoot)).ToArray();
        var cwd = d.Wasi.Cwd is { } path ? WorkingDirectory(d, path, mounts) : null;
        return new GuestWasi(d, env, policy, loggers.CreateLogger("Wippy.Guest." + d.Id), mounts, cwd, outboundHosts, terminal);
    }

    private static Mount ResolveMount(FunctionDescriptor d, WasiMountSetting m, RegistryManifest manifest, string registryRoot)
    {
        var entry = manifest.Find(m.FsId);
        if (entry is FsEmbedDescriptor embedded)
        {
            // embedded files are read-only whatever the mount says
            return new Mount(m.FsId, embedded.Extract(Loading.UserCache.Root), m.Guest.TrimEnd('/') is { Length: > 0 } eg ? eg : "/", false);
        }
        if (entry is not FsDirectoryDescriptor fs)
        {
            throw new WippyException(ErrorKind.NotFound, d.Id, $"wasi.mounts: the fs entry '{m.FsId}' does not exist or is not an fs.directory or fs.embed");
        }
        var host = fs.Resolve(registryRoot);
        if (!Directory.Exists(host))
        {
            throw new WippyException(ErrorKind.NotFound, d.Id,
                $"wasi.mounts: the directory of '{m.FsId}' ({host}) does not exist; create it, or set auto_init: true on the fs entry");
        }
        return new Mount(m.FsId, host, m.Guest.TrimEnd('/') is { Length: > 0 } g ? g : "/", !m.ReadOnly);
    }

    /// <summary>
    /// The directory relative paths resolve against: the part of the mount that holds <c>cwd</c>, granted to the guest
    /// a second time under the name "." (what WASI libcs resolve relative paths with). Null when no mount holds it.
    /// </summary>
    private static Mount? WorkingDirectory(FunctionDescriptor d, string cwd, Mount[] mounts)
    {
        var best = mounts
            .Where(m => cwd == m.Guest || cwd.StartsWith(m.Guest == "/" ? "/" : m.Guest + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.Guest.Length)
            .FirstOrDefault();
        if (best is null) return null;
        var rest = cwd.Substring(best.Guest.Length).Trim('/');
        var host = Path.GetFullPath(Path.Combine(best.Host, rest));
        if (!Directory.Exists(host))
        {
            throw new WippyException(ErrorKind.NotFound, d.Id, $"wasi.cwd: '{cwd}' is not a directory in the mount of '{best.FsId}' ({host})");
        }
        return best with { Host = host, Guest = "." };
    }

    /// <summary>
    /// Whether <see cref="BeforeCall"/> has anything to do: a policy to ask about mounts, or variables to resolve.
    /// Fixed when the entry loads, so a call of an entry without either skips it.
    /// </summary>
    public bool ChecksBeforeCall => (_policy is not null && _mounts.Length > 0) || _descriptor.Wasi.Env.Count > 0;

    /// <summary>
    /// The checks every call passes before it takes an instance: the policy may read each mounted fs entry
    /// (<c>fs.get</c>), and every <c>required</c> variable has a value. Returns the variables' current values.
    /// </summary>
    /// <exception cref="WippyException">PermissionDenied for a mount the caller may not read; NotFound for a missing required variable.</exception>
    public string?[] BeforeCall()
    {
        if (_policy is { } policy && _mounts.Length > 0)
        {
            var context = CallContext.Current;
            foreach (var mount in _mounts)
            {
                var decision = policy.Check(context, Permissions.FsGet, mount.FsId);
                if (decision.Allowed) continue;
                var who = context.Actor is { } actor ? $"actor '{actor.Id}'" : "an anonymous caller";
                throw new WippyException(ErrorKind.PermissionDenied, _descriptor.Id,
                    $"{who} may not read the fs entry '{mount.FsId}' (fs.get), which this entry mounts{(decision.Reason is { } reason ? ": " + reason : "")}");
            }
        }
        return ResolveEnv(strict: true);
    }

    /// <summary>The values of the mapped variables now (null where there is none).</summary>
    /// <param name="strict">Whether a missing <c>required</c> one throws (calls) or is left out (instances made ahead of calls).</param>
    public string?[] ResolveEnv(bool strict)
    {
        var bindings = _descriptor.Wasi.Env;
        if (bindings.Count == 0) return [];
        var values = new string?[bindings.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _env.Get(bindings[i].VariableId);
            if (values[i] is null && bindings[i].Required && strict)
            {
                throw new WippyException(ErrorKind.NotFound, _descriptor.Id,
                    $"the required variable {bindings[i].Name} (wasi.env, from '{bindings[i].VariableId}') has no value");
            }
        }
        return values;
    }

    /// <summary>Whether an instance made with <paramref name="made"/> shows the guest other values than <paramref name="now"/>.</summary>
    public static bool Differ(string?[] made, string?[] now)
    {
        for (var i = 0; i < now.Length; i++)
        {
            if (!string.Equals(made[i], now[i], StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Gives a new store its WASI state (Wasmtime's WASI), before any guest code runs in it.</summary>
    public GuestWasiState Configure(WasmStore store, string?[] env)
    {
        var (stdout, stderr) = Outputs();
        var variables = Variables(env);
        using var config = new WasmWasiConfig();
        config.SetArgs(_args);
        config.SetEnv(variables.ConvertAll(v => v.Key), variables.ConvertAll(v => v.Value));
        config.SetStdout(stdout);
        config.SetStderr(stderr);
        foreach (var mount in _preopened) Preopen(config, mount);
        if (Grants.Grants("wasi:sockets")) config.AllowNetwork();
        store.SetWasi(config);
        return new GuestWasiState(env, stdout, stderr);
    }

    /// <summary>
    /// Gives a new store linked to the host's own WASI what its guest sees (<see cref="HostState.Wasi"/>). The working
    /// directory is not reported (<c>initial-cwd</c> is none, as with Wasmtime's WASI configured through its C API).
    /// </summary>
    public GuestWasiState ConfigureHost(HostState host, string?[] env)
    {
        var (stdout, stderr) = Outputs();
        host.Wasi = new WasiContext(_args, Variables(env), null, stdout, stderr, _preopens, OutboundHosts, _output, _terminal?.Stdin);
        return new GuestWasiState(env, stdout, stderr);
    }

    /// <summary>A new instance's stdout and stderr: logged in the entry's category, or a command's terminal.</summary>
    private (GuestOutput Stdout, GuestOutput Stderr) Outputs() => _terminal is { } terminal
        ? (new GuestOutput(terminal.Stdout), new GuestOutput(terminal.Stderr))
        : (new GuestOutput(_output, _descriptor.Id, isError: false), new GuestOutput(_output, _descriptor.Id, isError: true));

    /// <summary>The mapped variables that have a value, by their names in the guest.</summary>
    private List<KeyValuePair<string, string>> Variables(string?[] env)
    {
        var variables = new List<KeyValuePair<string, string>>(env.Length);
        for (var i = 0; i < env.Length; i++)
        {
            if (env[i] is { } value) variables.Add(new(_names[i], value));
        }
        return variables;
    }

    private void Preopen(WasmWasiConfig config, Mount mount)
    {
        try
        {
            config.PreopenDirectory(mount.Host, mount.Guest, mount.Writable);
        }
        catch (WasmtimeException e)
        {
            throw new WippyException(ErrorKind.Unavailable, _descriptor.Id, $"wasi.mounts: cannot mount '{mount.FsId}' at {mount.Guest}: {e.Message}", e);
        }
    }

    /// <summary>A mounted fs entry: its host directory and the guest path it appears at.</summary>
    private sealed record Mount(string FsId, string Host, string Guest, bool Writable);
}

/// <summary>One instance's WASI: the variable values it was made with and its output.</summary>
internal sealed class GuestWasiState(string?[] env, GuestOutput stdout, GuestOutput stderr)
{
    /// <summary>The values of the mapped variables the instance's guest sees.</summary>
    public string?[] Env { get; } = env;

    /// <summary>Logs the end of unfinished output lines (after every call).</summary>
    public void Flush()
    {
        stdout.Flush();
        stderr.Flush();
    }
}
