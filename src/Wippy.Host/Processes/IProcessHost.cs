namespace Wippy.Host.Processes;

/// <summary>
/// Where processes run: spawn, send, stop, terminate, monitor, link, and the exits of watched processes. Every
/// argument and result is data (strings, JSON, payload bytes, tasks of them), so an implementation may run processes
/// elsewhere (docs/scale-out.md): every operation is asynchronous, as a remote one would be.
/// <see cref="LocalProcessHost"/> runs them in this process (and offers synchronous forms too). Every member is checked
/// against the runtime's policy with the caller's <see cref="Security.CallContext"/>.
/// </summary>
public interface IProcessHost
{
    /// <summary>
    /// Spawns the <c>process.wasm</c> entry <paramref name="entryId"/> with its method's arguments as a JSON array;
    /// completes with its PID (messages sent from then on are queued for it). The exit value is a
    /// <see cref="System.Text.Json.JsonElement"/>.
    /// </summary>
    /// <exception cref="WippyException">NotFound (no such entry), Invalid (not a process entry, arguments not a JSON array), PermissionDenied, Unavailable (the runtime is stopping).</exception>
    ValueTask<ProcessHandle> SpawnJsonAsync(string entryId, string argumentsJson, SpawnOptions? options, CancellationToken cancellationToken);

    /// <summary>Sends a message from the host's own client PID; completes once the target's mailbox accepted or refused it.</summary>
    ValueTask<SendOutcome> SendAsync(string target, string topic, IReadOnlyList<ProcessPayload> payloads, CancellationToken cancellationToken);

    /// <summary>
    /// Stops a process: its mailbox closes (a waiting <c>receive</c> returns <c>closed</c>), it may return within
    /// <paramref name="grace"/> (default 5 s), after which it is terminated. Completes when it has ended; false when no
    /// live process has that PID.
    /// </summary>
    Task<bool> StopAsync(string pid, TimeSpan? grace = null);

    /// <summary>Ends a process at once (exit Timeout, "stopped"); false when no live process has that PID.</summary>
    ValueTask<bool> TerminateAsync(string pid, CancellationToken cancellationToken);

    /// <summary>Whether a process or mailbox with that PID is alive.</summary>
    ValueTask<bool> IsAliveAsync(string pid, CancellationToken cancellationToken);

    /// <summary>The exits of processes spawned with <see cref="SpawnOptions.Monitor"/>, from the moment enumeration starts.</summary>
    IAsyncEnumerable<ProcessExit> Exits(CancellationToken cancellationToken = default);
}
