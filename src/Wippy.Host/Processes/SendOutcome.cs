namespace Wippy.Host.Processes;

/// <summary>What became of a message given to <see cref="LocalProcessHost.TrySend"/> (or a guest's <c>send</c>).</summary>
public enum SendOutcome
{
    /// <summary>The target's mailbox took it. Accepted means queued, not handled.</summary>
    Accepted,

    /// <summary><c>overloaded</c>: the target's mailbox is full (messages or bytes); nothing was queued. Retryable.</summary>
    Overloaded,

    /// <summary><c>too-large</c>: larger than the target's <c>message_bytes</c>, or past a fixed cap (payloads, topic, PID).</summary>
    TooLarge,

    /// <summary><c>invalid-message</c>: an empty topic, one starting with <c>@</c>, text that is not UTF-8, JSON that does not parse.</summary>
    InvalidMessage,

    /// <summary><c>unsupported-payload</c>: a format other than <c>bytes</c>, <c>text</c>, <c>json</c>.</summary>
    UnsupportedPayload,

    /// <summary><c>invalid-target</c>: the target is not a PID (<c>{node@host|id}</c>).</summary>
    InvalidTarget,

    /// <summary><c>denied</c>: the policy refused <c>process.send</c> to the target.</summary>
    Denied,

    /// <summary><c>process not found</c>: no live process (or mailbox) has that PID.</summary>
    NotFound,

    /// <summary><c>closed</c>: the target's mailbox, or the sender's own, is closed (it is stopping).</summary>
    Closed,
}

/// <summary>The wire strings of <see cref="SendOutcome"/> (the guest interface's error strings) and their error kinds.</summary>
internal static class SendOutcomes
{
    /// <summary>The string a guest's <c>send</c> returns in <c>err</c>.</summary>
    public static string Wire(SendOutcome outcome) => outcome switch
    {
        SendOutcome.Overloaded => "overloaded",
        SendOutcome.TooLarge => "too-large",
        SendOutcome.InvalidMessage => "invalid-message",
        SendOutcome.UnsupportedPayload => "unsupported-payload",
        SendOutcome.InvalidTarget => "invalid-target",
        SendOutcome.Denied => "denied",
        SendOutcome.NotFound => "process not found",
        SendOutcome.Closed => "closed",
        _ => "accepted",
    };

    /// <summary>The error a refused send throws from C# (and returns to Lua).</summary>
    public static WippyException Error(SendOutcome outcome, string target, string? reason = null) => new(
        outcome switch
        {
            SendOutcome.Overloaded or SendOutcome.Closed => ErrorKind.Unavailable,
            SendOutcome.Denied => ErrorKind.PermissionDenied,
            SendOutcome.NotFound => ErrorKind.NotFound,
            _ => ErrorKind.Invalid,
        },
        null,
        $"send to {target} failed: {Wire(outcome)}{(reason is null ? "" : " (" + reason + ")")}");
}
