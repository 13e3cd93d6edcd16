using System.Text;

namespace Wippy.Host.Processes;

/// <summary>
/// The fixed caps of a message and a PID, checked before anything is copied out of a guest, and the accounting of a
/// message's size (docs/processes.md, "Mailbox limits").
/// </summary>
internal static class MessageRules
{
    /// <summary>The bytes every message counts besides its data.</summary>
    public const int EnvelopeBytes = 256;

    /// <summary>The bytes every payload counts besides its data.</summary>
    public const int PayloadBytes = 64;

    /// <summary>The longest topic, in UTF-8 bytes.</summary>
    public const int MaxTopicBytes = 256;

    /// <summary>The most payloads in one message.</summary>
    public const int MaxPayloads = 16;

    /// <summary>The longest PID, in bytes.</summary>
    public const int MaxPidBytes = 1024;

    /// <summary>Why <paramref name="topic"/> cannot be sent, or <see cref="SendOutcome.Accepted"/>.</summary>
    public static SendOutcome CheckTopic(string topic)
    {
        if (topic.Length == 0 || topic[0] == '@') return SendOutcome.InvalidMessage;
        return Encoding.UTF8.GetByteCount(topic) > MaxTopicBytes ? SendOutcome.TooLarge : SendOutcome.Accepted;
    }

    /// <summary>Why the topic's UTF-8 bytes (from a guest) cannot be sent, or <see cref="SendOutcome.Accepted"/>.</summary>
    public static SendOutcome CheckTopic(ReadOnlySpan<byte> topic)
    {
        if (topic.Length > MaxTopicBytes) return SendOutcome.TooLarge;
        if (topic.Length == 0 || topic[0] == (byte)'@' || !System.Text.Unicode.Utf8.IsValid(topic)) return SendOutcome.InvalidMessage;
        return SendOutcome.Accepted;
    }
}
