using Wippy.Security;

namespace Wippy.Host.Processes;

/// <summary>
/// Something with a PID and a mailbox that the process host routes to: a running process (<see cref="LocalProcess"/>)
/// or a C# mailbox (<see cref="MailboxEndpoint"/>). Keeps who watches it (monitors) and who it is linked to; both sets
/// are changed under <see cref="Gate"/>, which <see cref="LocalProcessHost"/> also holds when it marks the end, so a
/// watcher added at the last moment is still told.
/// </summary>
internal abstract class ProcessEndpoint(string pid, MailboxLimits limits, CallContext context)
{
    /// <summary>Its PID.</summary>
    public string Pid { get; } = pid;

    /// <summary>Its mailbox.</summary>
    public Mailbox Mailbox { get; } = new(limits);

    /// <summary>The security context it acts under (its sends are checked with it); carries its PID as <c>process.pid</c>.</summary>
    public CallContext Context { get; } = context.WithValue(ProcessPermissions.PidValue, pid);

    /// <summary>Guards <see cref="Watchers"/>, <see cref="Links"/> and <see cref="Ended"/>.</summary>
    public object Gate { get; } = new();

    /// <summary>The PIDs that monitor it.</summary>
    public HashSet<string> Watchers { get; } = new(StringComparer.Ordinal);

    /// <summary>The PIDs it is linked to.</summary>
    public HashSet<string> Links { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether it has ended (set once, under <see cref="Gate"/>).</summary>
    public bool Ended { get; set; }

    /// <summary>Tells it about a process it watches or is linked to.</summary>
    public abstract void Notify(ProcessEvent e);
}

/// <summary>A C# mailbox's endpoint: events queue up for its owner to read.</summary>
internal sealed class MailboxEndpoint(string pid, MailboxLimits limits, CallContext context) : ProcessEndpoint(pid, limits, context)
{
    /// <summary>Exit and link events, in the order they happened.</summary>
    public System.Threading.Channels.Channel<ProcessEvent> Events { get; } =
        System.Threading.Channels.Channel.CreateUnbounded<ProcessEvent>(new() { SingleReader = false, SingleWriter = false });

    /// <inheritdoc />
    public override void Notify(ProcessEvent e) => Events.Writer.TryWrite(e);
}
