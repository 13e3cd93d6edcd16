using System.Buffers;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json;
using Wippy.Security;

namespace Wippy.Host.Processes;

/// <summary>
/// Runs processes in this runtime (<see cref="WippyRuntime.Processes"/>): each is one call of its entry's method on an
/// instance of its own, run as an async call (a guest waiting in <c>receive</c> is suspended on its fiber and holds no
/// thread), with a mailbox, monitors and links. PIDs are <c>{local@host|0x…}</c>.
/// </summary>
public sealed class LocalProcessHost : IProcessHost
{
    /// <summary>The grace period of <see cref="StopAsync"/> when none is given.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    /// <summary>The host name in PIDs when a spawn names none.</summary>
    public const string DefaultHostName = "local";

    private const string NodeName = "local";
    private readonly WippyRuntime _runtime;
    private readonly ConcurrentDictionary<string, ProcessEndpoint> _live = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<LocalProcess, Task> _running = new();
    private readonly RecentExits _recent = new();
    private readonly ExitFeed _feed = new();
    private readonly Lazy<ProcessMailbox> _client;
    private long _lastId;
    private volatile bool _stopping;

    internal LocalProcessHost(WippyRuntime runtime)
    {
        _runtime = runtime;
        _client = new Lazy<ProcessMailbox>(() => OpenMailboxOn("wippy:client"));
    }

    /// <summary>Processes running now (C# mailboxes not counted).</summary>
    public int Count => _running.Count;

    /// <summary>Whether a process or mailbox with that PID is alive.</summary>
    public bool IsAlive(string pid) => _live.ContainsKey(pid);

    // The seam's asynchronous forms: on one machine each completes at once.
    ValueTask<ProcessHandle> IProcessHost.SpawnJsonAsync(string entryId, string argumentsJson, SpawnOptions? options, CancellationToken cancellationToken) =>
        new(SpawnJson(entryId, argumentsJson, options));

    ValueTask<SendOutcome> IProcessHost.SendAsync(string target, string topic, IReadOnlyList<ProcessPayload> payloads, CancellationToken cancellationToken) =>
        new(TrySend(target, topic, [.. payloads]));

    ValueTask<bool> IProcessHost.TerminateAsync(string pid, CancellationToken cancellationToken) => new(Terminate(pid));

    ValueTask<bool> IProcessHost.IsAliveAsync(string pid, CancellationToken cancellationToken) => new(IsAlive(pid));

    /// <summary>
    /// Spawns the <c>process.wasm</c> entry <paramref name="entryId"/> with its method's arguments as a JSON array;
    /// returns at once with its PID (messages sent from then on are queued for it). The exit value is a
    /// <see cref="JsonElement"/>.
    /// </summary>
    /// <exception cref="WippyException">NotFound (no such entry), Invalid (not a process entry, arguments not a JSON array), PermissionDenied, Unavailable (the runtime is stopping).</exception>
    public ProcessHandle SpawnJson(string entryId, string argumentsJson = "[]", SpawnOptions? options = null)
    {
        var function = ProcessEntry(entryId);
        JsonDocument arguments;
        try
        {
            arguments = JsonDocument.Parse(argumentsJson);
        }
        catch (JsonException e)
        {
            throw new WippyException(ErrorKind.Invalid, entryId, "the spawn's arguments are not JSON: " + e.Message, e);
        }
        if (arguments.RootElement.ValueKind != JsonValueKind.Array)
        {
            arguments.Dispose();
            throw new WippyException(ErrorKind.Invalid, entryId, "the spawn's arguments must be a JSON array, one element per parameter of the method");
        }
        try
        {
            return Start(function, options, async (f, token) =>
            {
                using (arguments)
                {
                    var buffer = new ArrayBufferWriter<byte>();
                    await using (var writer = new Utf8JsonWriter(buffer))
                    {
                        await f.CallJsonAsync(arguments.RootElement.EnumerateArray().ToArray(), writer, token).ConfigureAwait(false);
                    }
                    if (buffer.WrittenCount == 0) return null; // a method without a result
                    using var result = JsonDocument.Parse(buffer.WrittenMemory);
                    return result.RootElement.Clone();
                }
            }, static (pid, entry, exit) => new ProcessHandle(pid, entry, exit));
        }
        catch
        {
            arguments.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Spawns <paramref name="function"/>'s entry, running <paramref name="run"/> as its life (generated typed spawn
    /// methods call this with the entry's typed async call). Returns at once with its PID.
    /// </summary>
    /// <exception cref="WippyException">As for <see cref="SpawnJson"/>.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ProcessHandle<T> Spawn<T>(WasmFunctionHandle function, Func<WasmFunctionHandle, CancellationToken, ValueTask<T>> run, SpawnOptions? options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(run);
        CheckProcessEntry(function);
        return Start(function, options, async (f, token) => await run(f, token).ConfigureAwait(false), static (pid, entry, exit) => new ProcessHandle<T>(pid, entry, exit));
    }

    /// <summary>As <see cref="Spawn{T}"/>, for a method without a result.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ProcessHandle Spawn(WasmFunctionHandle function, Func<WasmFunctionHandle, CancellationToken, ValueTask> run, SpawnOptions? options)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(run);
        CheckProcessEntry(function);
        return Start(function, options, async (f, token) =>
        {
            await run(f, token).ConfigureAwait(false);
            return null;
        }, static (pid, entry, exit) => new ProcessHandle(pid, entry, exit));
    }

    /// <summary>Sends a message from the runtime's own client PID; never waits.</summary>
    public SendOutcome TrySend(string target, string topic, params ProcessPayload[] payloads) => _client.Value.TrySend(target, topic, payloads);

    /// <summary>Sends a message from the runtime's own client PID; throws when it is refused.</summary>
    /// <exception cref="WippyException">Unavailable (overloaded), Invalid, NotFound, PermissionDenied: see <see cref="SendOutcome"/>.</exception>
    public void Send(string target, string topic, params ProcessPayload[] payloads) => _client.Value.Send(target, topic, payloads);

    /// <summary>A mailbox for C# code: a PID of its own that processes can send to, monitor and link with.</summary>
    public ProcessMailbox OpenMailbox(MailboxLimits? limits = null) => OpenMailboxOn(DefaultHostName, limits);

    private ProcessMailbox OpenMailboxOn(string hostName, MailboxLimits? limits = null)
    {
        if (_stopping) throw Stopping(null);
        var endpoint = new MailboxEndpoint(NewPid(hostName), (limits ?? MailboxLimits.Default).Checked(), CallContext.Current);
        _live[endpoint.Pid] = endpoint;
        if (_stopping) endpoint.Mailbox.Close();
        return new ProcessMailbox(this, endpoint);
    }

    /// <inheritdoc />
    public async Task<bool> StopAsync(string pid, TimeSpan? grace = null)
    {
        Authorize(CallContext.Current, ProcessPermissions.Cancel, pid, null);
        if (!_live.TryGetValue(pid, out var endpoint) || endpoint is not LocalProcess process) return false;
        process.Mailbox.Close();
        var wait = grace ?? DefaultGrace;
        try
        {
            await process.Exit.WaitAsync(wait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            process.End(Stopped(process, $"it did not end within its grace period of {wait.TotalMilliseconds:0} ms"));
            await process.Exit.ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Ends a process at once (exit Timeout, "stopped"); false when no live process has that PID.</summary>
    public bool Terminate(string pid)
    {
        Authorize(CallContext.Current, ProcessPermissions.Terminate, pid, null);
        if (!_live.TryGetValue(pid, out var endpoint) || endpoint is not LocalProcess process) return false;
        process.End(Stopped(process, "it was terminated"));
        return true;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ProcessExit> Exits(CancellationToken cancellationToken = default) => _feed.Read(cancellationToken);

    /// <summary>
    /// Makes <paramref name="watcher"/> (a live mailbox or process) monitor <paramref name="target"/>: it is told of the
    /// target's exit, at once when the target already ended (its exit when still remembered, else a NotFound error).
    /// </summary>
    internal void Monitor(ProcessEndpoint watcher, string target)
    {
        Authorize(watcher.Context, ProcessPermissions.Monitor, target, null);
        if (_live.TryGetValue(target, out var endpoint))
        {
            lock (endpoint.Gate)
            {
                if (!endpoint.Ended)
                {
                    endpoint.Watchers.Add(watcher.Pid);
                    return;
                }
            }
        }
        var exit = _recent.Find(target)
            ?? new ProcessExit(target, "", null, new WippyException(ErrorKind.NotFound, null, $"process {target} not found"));
        watcher.Notify(new ProcessEvent(ProcessEventKind.Exit, exit));
    }

    /// <summary>Stops <paramref name="watcher"/> monitoring <paramref name="target"/>.</summary>
    internal void Unmonitor(ProcessEndpoint watcher, string target)
    {
        if (!_live.TryGetValue(target, out var endpoint)) return;
        lock (endpoint.Gate) endpoint.Watchers.Remove(watcher.Pid);
    }

    /// <summary>
    /// Links <paramref name="a"/> with <paramref name="target"/>: when either ends with an error the other is told
    /// (<see cref="ProcessEndpoint.Notify"/>). A target that already failed is a link-down at once; false when the
    /// target is neither alive nor remembered.
    /// </summary>
    internal bool Link(ProcessEndpoint a, string target)
    {
        Authorize(a.Context, ProcessPermissions.Link, target, null);
        if (_live.TryGetValue(target, out var b))
        {
            lock (b.Gate)
            {
                if (!b.Ended)
                {
                    b.Links.Add(a.Pid);
                    lock (a.Gate) a.Links.Add(b.Pid);
                    return true;
                }
            }
        }
        if (_recent.Find(target) is not { } exit) return false;
        if (exit.Error is not null) a.Notify(new ProcessEvent(ProcessEventKind.LinkDown, exit));
        return true;
    }

    /// <summary>Removes the link between <paramref name="a"/> and <paramref name="target"/>, if there is one.</summary>
    internal void Unlink(ProcessEndpoint a, string target)
    {
        lock (a.Gate) a.Links.Remove(target);
        if (_live.TryGetValue(target, out var b))
        {
            lock (b.Gate) b.Links.Remove(a.Pid);
        }
    }

    /// <summary>
    /// Routes a message from <paramref name="sender"/> (its PID is the message's <c>from</c>, its context is asked
    /// for <c>process.send</c>): the checks of docs/processes.md, then the target's mailbox. Never waits.
    /// </summary>
    internal SendOutcome Post(ProcessEndpoint sender, string target, string topic, IReadOnlyList<ProcessPayload> payloads, out string? reason)
    {
        reason = null;
        if (sender.Mailbox.IsClosed) return SendOutcome.Closed;
        if (!Pid.IsWellFormed(target)) return SendOutcome.InvalidTarget;
        if (MessageRules.CheckTopic(topic) is var topicCheck && topicCheck != SendOutcome.Accepted) return topicCheck;
        if (payloads.Count > MessageRules.MaxPayloads) return SendOutcome.TooLarge;
        if (_runtime.Policy is { } policy && policy.Check(sender.Context, ProcessPermissions.Send, target) is { Allowed: false } denied)
        {
            reason = denied.Reason;
            return SendOutcome.Denied;
        }
        if (!_live.TryGetValue(target, out var endpoint)) return SendOutcome.NotFound;
        return endpoint.Mailbox.TryPost(new ProcessMessage(sender.Pid, topic, payloads));
    }

    /// <summary>Closes a C# mailbox: it leaves the routing table; its watchers see a normal exit.</summary>
    internal void Close(MailboxEndpoint endpoint)
    {
        endpoint.Mailbox.Close();
        endpoint.Events.Writer.TryComplete();
        Ended(endpoint, new ProcessExit(endpoint.Pid, "", null, null));
    }

    /// <summary>
    /// Stops every process for the runtime's shutdown: no spawn is accepted any more, mailboxes close at once (a waiting
    /// <c>receive</c> returns <c>closed</c>, so a guest may return), and the processes still running when
    /// <paramref name="grace"/> ends are ended (Unavailable, "the runtime stopped"). Completes when all have ended, or
    /// <see cref="EndedWait"/> after they were told to end at the latest.
    /// </summary>
    internal async Task StopAllAsync(CancellationToken grace)
    {
        _stopping = true;
        foreach (var endpoint in _live.Values) endpoint.Mailbox.Close();
        var all = Task.WhenAll(_running.Values);
        try
        {
            await all.WaitAsync(grace).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException)
        {
            // the grace is over
        }
        foreach (var process in _running.Keys)
        {
            process.End(new WippyException(ErrorKind.Unavailable, process.EntryId, $"process {process.Pid}: the runtime stopped"));
        }
        await Task.WhenAny(all, Task.Delay(EndedWait)).ConfigureAwait(false);
    }

    /// <summary>How long shutdown waits for processes it ended to be gone (a guest is stopped at its next wait or epoch tick).</summary>
    internal static readonly TimeSpan EndedWait = TimeSpan.FromSeconds(5);

    /// <summary>As <see cref="StopAllAsync"/> with a grace of <paramref name="grace"/>, blocking: for the runtime's Dispose.</summary>
    internal void StopAll(TimeSpan grace)
    {
        _stopping = true;
        if (_live.IsEmpty && _running.IsEmpty) return;
        using var timeout = new CancellationTokenSource(grace);
        Task.Run(() => StopAllAsync(timeout.Token)).Wait();
    }

    private static void CheckProcessEntry(WasmFunctionHandle function)
    {
        if (function.Descriptor.Kind != Wippy.Registry.RegistryKinds.ProcessWasm)
        {
            throw new WippyException(ErrorKind.Invalid, function.Id, $"a {function.Descriptor.Kind} entry is called, not spawned: only process.wasm entries are spawned");
        }
    }

    private WasmFunctionHandle ProcessEntry(string entryId)
    {
        ArgumentNullException.ThrowIfNull(entryId);
        var function = _runtime.GetWasmFunction(entryId);
        CheckProcessEntry(function);
        return function;
    }

    /// <summary>The common spawn: checks, a PID, monitors and links in place, then the run on the thread pool.</summary>
    private THandle Start<THandle>(
        WasmFunctionHandle function, SpawnOptions? options, Func<WasmFunctionHandle, CancellationToken, Task<object?>> run,
        Func<string, string, Task<ProcessExit>, THandle> handle)
    {
        options ??= new SpawnOptions();
        if (_stopping) throw Stopping(function.Id);
        var caller = CallContext.Current;
        var hostName = string.IsNullOrEmpty(options.Host) ? DefaultHostName : options.Host;
        Authorize(caller, ProcessPermissions.Spawn, function.Id, function.Id);
        Authorize(caller, ProcessPermissions.Host, hostName, function.Id);
        if (options.Context is not null) Authorize(caller, ProcessPermissions.Security, "security", function.Id);
        var limits = (options.Mailbox ?? function.Descriptor.Mailbox ?? MailboxLimits.Default).Checked();
        var process = new LocalProcess(NewPid(hostName), function, limits, options.Context ?? caller, this) { Monitored = options.Monitor };
        _live[process.Pid] = process;
        if (_stopping) process.Mailbox.Close(); // spawned while shutdown began: it is being stopped too
        if (options.MonitoredBy is { } watcher && _live.TryGetValue(watcher, out var watching)) process.Watchers.Add(watching.Pid);
        if (options.LinkedTo is { } partner && _live.TryGetValue(partner, out var linked))
        {
            lock (linked.Gate)
            {
                linked.Links.Add(process.Pid);
                process.Links.Add(linked.Pid);
            }
        }
        var result = handle(process.Pid, function.Id, process.Exit);
        // The process must be in _running before it can end, so its run is made first and started after. Started, it
        // is queued to the thread pool, never run here: a guest whose call is synchronous (a core or planned module)
        // would otherwise run on the spawner's thread, and the spawn would not return until the process ended.
        var running = new Task<Task>(() => RunAsync(process, run));
        _running[process] = running.Unwrap();
        running.Start(TaskScheduler.Default);
        return result;
    }

    /// <summary>A process's life: its method, called inside its scope and context, then its exit.</summary>
    private async Task RunAsync(LocalProcess process, Func<WasmFunctionHandle, CancellationToken, Task<object?>> run)
    {
        ProcessScope.Set(process);
        ProcessExit exit;
        using (CallContext.Enter(process.Context))
        {
            try
            {
                var value = await run(process.Function, process.Kill.Token).ConfigureAwait(false);
                exit = new ProcessExit(process.Pid, process.EntryId, value, null);
            }
            catch (Exception e)
            {
                exit = new ProcessExit(process.Pid, process.EntryId, null, ErrorOf(process, e));
            }
        }
        Ended(process, exit);
        _running.TryRemove(process, out _);
        process.Kill.Dispose();
        process.Complete(exit);
    }

    /// <summary>What a process ended with: the reason it was ended from outside, else its call's error, with its PID.</summary>
    private static WippyException ErrorOf(LocalProcess process, Exception e)
    {
        if (process.EndedBy is { } endedBy) return endedBy;
        return e switch
        {
            WippyException w => new WippyException(w.Kind, w.EntryId ?? process.EntryId, $"process {process.Pid}: {w.Detail}", w) { ExitCode = w.ExitCode },
            OperationCanceledException => Stopped(process, "it was stopped"),
            _ => new WippyException(ErrorKind.Internal, process.EntryId, $"process {process.Pid}: {e.Message}", e),
        };
    }

    /// <summary>Takes an ended endpoint out of routing and tells its watchers (every exit) and links (an error).</summary>
    private void Ended(ProcessEndpoint endpoint, ProcessExit exit)
    {
        _live.TryRemove(endpoint.Pid, out _);
        endpoint.Mailbox.Close();
        string[] watchers, links;
        lock (endpoint.Gate)
        {
            endpoint.Ended = true;
            watchers = [.. endpoint.Watchers];
            links = [.. endpoint.Links];
        }
        if (endpoint is LocalProcess) _recent.Add(exit);
        foreach (var watcher in watchers)
        {
            if (_live.TryGetValue(watcher, out var w)) w.Notify(new ProcessEvent(ProcessEventKind.Exit, exit));
        }
        foreach (var link in links)
        {
            if (!_live.TryGetValue(link, out var other)) continue;
            lock (other.Gate) other.Links.Remove(endpoint.Pid);
            if (exit.Error is not null) other.Notify(new ProcessEvent(ProcessEventKind.LinkDown, exit));
        }
        if (endpoint is LocalProcess { Monitored: true }) _feed.Publish(exit);
    }

    private string NewPid(string hostName) => Pid.Format(NodeName, hostName, Interlocked.Increment(ref _lastId));

    /// <summary>Asks the runtime's policy; a refusal is PermissionDenied naming <paramref name="entryId"/> (or none).</summary>
    private void Authorize(CallContext context, string permission, string resource, string? entryId)
    {
        if (_runtime.Policy is not { } policy) return;
        var decision = policy.Check(context, permission, resource);
        if (decision.Allowed) return;
        var who = context.Actor is { } actor ? $"actor '{actor.Id}'" : "an anonymous caller";
        throw new WippyException(ErrorKind.PermissionDenied, entryId,
            $"{who} may not {permission} '{resource}'{(decision.Reason is { } reason ? ": " + reason : "")}");
    }

    private static WippyException Stopped(LocalProcess process, string how) =>
        new(ErrorKind.Timeout, process.EntryId, $"process {process.Pid} was stopped: {how}");

    private static WippyException Stopping(string? entryId) =>
        new(ErrorKind.Unavailable, entryId, "the runtime is stopping: no process can be spawned");
}
