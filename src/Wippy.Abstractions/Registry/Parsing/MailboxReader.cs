using System.Globalization;

namespace Wippy.Registry;

/// <summary>
/// Reads <c>meta.options.mailbox</c> of a <c>process.wasm</c> entry: <c>capacity</c>, <c>bytes</c> and
/// <c>message_bytes</c>, each greater than 0, <c>message_bytes</c> at most <c>bytes</c>, and <c>capacity</c> at most
/// <c>bytes / 256</c> (a count that allows more envelopes than the bytes can hold would never be reached).
/// </summary>
internal static class MailboxReader
{
    private const string Hint = "\"mailbox: { capacity: 64, bytes: 1048576, message_bytes: 65536 }\"";

    /// <summary>The block, or null when the entry has none (or it is not valid: reported at its line).</summary>
    public static ProcessMailboxConfig? Read(FieldReader? meta)
    {
        var mailbox = meta?.Map("options", "\"options: { mailbox: { capacity: 64 } }\"")?.Map("mailbox", Hint);
        if (mailbox is null) return null;
        mailbox.ReportUnknown(new[] { "capacity", "bytes", "message_bytes" }, "meta.options.mailbox");
        var capacity = Positive(mailbox, "capacity", "\"capacity: 64\" (messages)", int.MaxValue);
        var bytes = Positive(mailbox, "bytes", "\"bytes: 1048576\" (1 MiB)", long.MaxValue);
        var messageBytes = Positive(mailbox, "message_bytes", "\"message_bytes: 65536\" (64 KiB)", long.MaxValue);
        var config = new ProcessMailboxConfig(
            (int)(capacity ?? ProcessMailboxConfig.DefaultCapacity),
            bytes ?? ProcessMailboxConfig.DefaultBytes,
            messageBytes ?? ProcessMailboxConfig.DefaultMessageBytes,
            mailbox.Position);
        if (config.MessageBytes > config.Bytes)
        {
            Report(mailbox, messageBytes is not null ? "message_bytes" : "bytes",
                $"'message_bytes' ({N(config.MessageBytes)}) is more than 'bytes' ({N(config.Bytes)}), so such a message could never be queued; make message_bytes at most bytes");
            return null;
        }
        if (config.Capacity > config.Bytes / ProcessMailboxConfig.EnvelopeBytes)
        {
            Report(mailbox, capacity is not null ? "capacity" : "bytes",
                $"'capacity' ({N(config.Capacity)}) allows more messages than 'bytes' ({N(config.Bytes)}) can hold at {ProcessMailboxConfig.EnvelopeBytes} bytes each; make capacity at most {N(config.Bytes / ProcessMailboxConfig.EnvelopeBytes)} or bytes larger");
            return null;
        }
        return capacity is null && bytes is null && messageBytes is null ? null : config;
    }

    private static long? Positive(FieldReader mailbox, string key, string hint, long max)
    {
        var value = mailbox.Integer(key, hint, max);
        if (value is null or > 0) return value;
        Report(mailbox, key, $"'{mailbox.PathOf(key)}' must be greater than 0 (got {N(value.Value)}); write e.g. {hint}, or remove it for the default");
        return null;
    }

    private static void Report(FieldReader mailbox, string key, string message) =>
        mailbox.Context.Report(RegistryDiagnosticIds.InvalidLimit, $"{mailbox.Owner}: {message}", mailbox.PositionOf(key));

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
