using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.Processes;

/// <summary>
/// A <c>wasi:io/poll</c> pollable over a mailbox: ready while a message is queued or the mailbox is closed. What
/// <c>subscribe</c> returns, and what <c>receive</c> waits on. Looking at it never takes a message.
/// </summary>
internal sealed class MailboxPollable(Mailbox mailbox) : Pollable
{
    /// <inheritdoc />
    public override bool IsReady(long now) => mailbox.IsReadable;

    /// <inheritdoc />
    public override Task? Signal => mailbox.WhenReadable();
}
