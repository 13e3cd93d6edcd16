namespace Wippy.Host.Processes;

/// <summary>
/// How much a process's mailbox holds (docs/processes.md, "Mailbox limits"). A send past a limit fails at once
/// (<see cref="SendOutcome.Overloaded"/>, or <see cref="SendOutcome.TooLarge"/> for one message past
/// <see cref="MessageBytes"/>); nothing queued is dropped and the sender never waits.
/// </summary>
/// <param name="Capacity">Messages queued at once (default 128).</param>
/// <param name="Bytes">Bytes queued at once, counted with each message's envelope (default 8 MiB).</param>
/// <param name="MessageBytes">The largest single message (default 1 MiB).</param>
public sealed record MailboxLimits(int Capacity = 128, long Bytes = 8 * 1024 * 1024, long MessageBytes = 1024 * 1024)
{
    /// <summary>The defaults: 128 messages, 8 MiB, 1 MiB per message.</summary>
    public static MailboxLimits Default { get; } = new();

    /// <summary>Throws when a limit is not positive, <see cref="MessageBytes"/> exceeds <see cref="Bytes"/>, or the count allows more envelopes than the bytes hold.</summary>
    /// <exception cref="ArgumentException">A limit is out of range.</exception>
    internal MailboxLimits Checked()
    {
        if (Capacity <= 0 || Bytes <= 0 || MessageBytes <= 0) throw new ArgumentException("mailbox limits must be greater than 0");
        if (MessageBytes > Bytes) throw new ArgumentException("a mailbox's message_bytes cannot exceed its bytes");
        if (Capacity > Bytes / MessageRules.EnvelopeBytes) throw new ArgumentException($"a mailbox's capacity cannot exceed bytes / {MessageRules.EnvelopeBytes}");
        return this;
    }
}
