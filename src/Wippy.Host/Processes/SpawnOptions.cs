using Wippy.Security;

namespace Wippy.Host.Processes;

/// <summary>How to spawn a process. Every field is optional.</summary>
public sealed class SpawnOptions
{
    /// <summary>The host it runs on, part of its PID (default <c>local</c>).</summary>
    public string? Host { get; init; }

    /// <summary>Whether its exit goes to <see cref="LocalProcessHost.Exits"/>.</summary>
    public bool Monitor { get; init; }

    /// <summary>A PID (a <see cref="ProcessMailbox"/>) that monitors it from before it starts, so an instant exit is seen.</summary>
    public string? MonitoredBy { get; init; }

    /// <summary>A PID it is linked to from before it starts: when either ends with an error, the other is told (a mailbox) or ended (a process).</summary>
    public string? LinkedTo { get; init; }

    /// <summary>Its mailbox's limits (default: its entry's <c>meta.options.mailbox</c>, else <see cref="MailboxLimits.Default"/>).</summary>
    public MailboxLimits? Mailbox { get; init; }

    /// <summary>
    /// The security context it runs under instead of the caller's (<see cref="CallContext.Current"/>); choosing one is
    /// itself checked (<c>process.security</c>).
    /// </summary>
    public CallContext? Context { get; init; }
}
