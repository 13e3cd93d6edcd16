namespace Wippy.Host.Processes;

/// <summary>
/// A message in a mailbox: who sent it (set by the host, never by the sender), its topic, and its payloads. Copied
/// when sent: nothing is shared between the sender and the receiver.
/// </summary>
public sealed class ProcessMessage
{
    internal ProcessMessage(string from, string topic, IReadOnlyList<ProcessPayload> payloads)
    {
        From = from;
        Topic = topic;
        Payloads = payloads;
    }

    /// <summary>The sender's PID.</summary>
    public string From { get; }

    /// <summary>The topic: 1 to 256 bytes of UTF-8, not starting with <c>@</c>.</summary>
    public string Topic { get; }

    /// <summary>The payloads (at most 16).</summary>
    public IReadOnlyList<ProcessPayload> Payloads { get; }

    /// <summary>
    /// What the message counts against a mailbox's <c>bytes</c> and <c>message_bytes</c>: 256 bytes of envelope, the
    /// sender's PID and the topic, 64 bytes per payload, and the payloads' data.
    /// </summary>
    internal long Size
    {
        get
        {
            long size = MessageRules.EnvelopeBytes + From.Length + System.Text.Encoding.UTF8.GetByteCount(Topic);
            foreach (var payload in Payloads) size += MessageRules.PayloadBytes + payload.Data.Length;
            return size;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Topic} from {From} ({Payloads.Count} payloads)";
}
