namespace Wippy.Host.Processes;

/// <summary>
/// A mailbox for C# code (<see cref="LocalProcessHost.OpenMailbox"/>): a PID of its own, so processes can answer it,
/// and the events of the processes it monitors or is linked to. Dispose it when done: it leaves the routing table
/// and its watchers see it end.
/// </summary>
public sealed class ProcessMailbox : IDisposable
{
    private readonly LocalProcessHost _host;
    private readonly MailboxEndpoint _endpoint;
    private int _disposed;

    internal ProcessMailbox(LocalProcessHost host, MailboxEndpoint endpoint)
    {
        _host = host;
        _endpoint = endpoint;
    }

    /// <summary>What the process host routes to (Lua's process module waits on its mailbox and events).</summary>
    internal MailboxEndpoint Endpoint => _endpoint;

    /// <summary>Its PID (the <c>from</c> of what it sends).</summary>
    public string Pid => _endpoint.Pid;

    /// <summary>Messages waiting to be received.</summary>
    public int Count => _endpoint.Mailbox.Count;

    /// <summary>Sends a message; never waits.</summary>
    public SendOutcome TrySend(string target, string topic, params ProcessPayload[] payloads)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(topic);
        return _host.Post(_endpoint, target, topic, payloads ?? [], out _);
    }

    /// <summary>Sends a message; throws when it is refused.</summary>
    /// <exception cref="WippyException">Unavailable (overloaded, closed), Invalid, NotFound, PermissionDenied.</exception>
    public void Send(string target, string topic, params ProcessPayload[] payloads)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(topic);
        var outcome = _host.Post(_endpoint, target, topic, payloads ?? [], out var reason);
        if (outcome != SendOutcome.Accepted) throw SendOutcomes.Error(outcome, target, reason);
    }

    /// <summary>The oldest message, or false at once when none is queued.</summary>
    public bool TryReceive(out ProcessMessage? message) => _endpoint.Mailbox.TryTake(out message);

    /// <summary>The oldest message, waiting up to <paramref name="timeout"/> (null: no limit) for one.</summary>
    /// <exception cref="WippyException">Timeout when none came in time; Unavailable when the mailbox was closed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<ProcessMessage> ReceiveAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var mailbox = _endpoint.Mailbox;
        using var limit = timeout is { } t ? new CancellationTokenSource(t) : null;
        using var linked = limit is null ? null : CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        var token = linked?.Token ?? cancellationToken;
        while (true)
        {
            if (mailbox.TryTake(out var message)) return message!;
            if (mailbox.IsClosed) throw new WippyException(ErrorKind.Unavailable, null, $"mailbox {Pid} is closed");
            try
            {
                await mailbox.WhenReadable().WaitAsync(token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (limit is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
            {
                throw new WippyException(ErrorKind.Timeout, null, $"mailbox {Pid}: no message within {timeout!.Value.TotalMilliseconds:0} ms");
            }
        }
    }

    /// <summary>The next exit or link event, waiting up to <paramref name="timeout"/> (null: no limit).</summary>
    /// <exception cref="WippyException">Timeout when none came in time; Unavailable when the mailbox was disposed.</exception>
    public async ValueTask<ProcessEvent> ReceiveEventAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        using var limit = timeout is { } t ? new CancellationTokenSource(t) : null;
        using var linked = limit is null ? null : CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            return await _endpoint.Events.Reader.ReadAsync(linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            throw new WippyException(ErrorKind.Timeout, null, $"mailbox {Pid}: no event within {timeout!.Value.TotalMilliseconds:0} ms");
        }
        catch (System.Threading.Channels.ChannelClosedException)
        {
            throw new WippyException(ErrorKind.Unavailable, null, $"mailbox {Pid} is closed");
        }
    }

    /// <summary>An event already queued, or false.</summary>
    public bool TryReceiveEvent(out ProcessEvent? e) => _endpoint.Events.Reader.TryRead(out e);

    /// <summary>Monitors <paramref name="pid"/>: its exit becomes an <see cref="ProcessEventKind.Exit"/> event here (at once when it already ended).</summary>
    /// <exception cref="WippyException">PermissionDenied (<c>process.monitor</c>).</exception>
    public void Monitor(string pid) => _host.Monitor(_endpoint, pid);

    /// <summary>Stops monitoring <paramref name="pid"/>.</summary>
    public void Unmonitor(string pid) => _host.Unmonitor(_endpoint, pid);

    /// <summary>
    /// Links with <paramref name="pid"/>: when it ends with an error this mailbox gets a <see cref="ProcessEventKind.LinkDown"/>
    /// event (C# traps links: it is told, not ended). False when no such process is alive or remembered.
    /// </summary>
    /// <exception cref="WippyException">PermissionDenied (<c>process.link</c>).</exception>
    public bool Link(string pid) => _host.Link(_endpoint, pid);

    /// <summary>Removes the link with <paramref name="pid"/>, if there is one: its failure is no longer told here.</summary>
    public void Unlink(string pid) => _host.Unlink(_endpoint, pid);

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _host.Close(_endpoint);
    }
}
