using System.Text;
using System.Text.Json;

namespace Wippy.Host.Processes;

/// <summary>How a payload's bytes are meant: the formats of <c>wippy:actor/process</c>'s <c>payload.format</c>.</summary>
public enum PayloadFormat
{
    /// <summary><c>bytes</c>: opaque bytes.</summary>
    Bytes,

    /// <summary><c>text</c>: UTF-8 text.</summary>
    Text,

    /// <summary><c>json</c>: UTF-8 JSON.</summary>
    Json,
}

/// <summary>
/// One value of a message: bytes with their <see cref="Format"/>. A payload owns its bytes (they were copied out of the
/// sender), so it never changes after it was sent.
/// </summary>
public sealed class ProcessPayload
{
    private ProcessPayload(PayloadFormat format, byte[] data)
    {
        Format = format;
        Data = data;
    }

    /// <summary>How <see cref="Data"/> is meant.</summary>
    public PayloadFormat Format { get; }

    /// <summary>The encoded value.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The format's name on the wire: <c>bytes</c>, <c>text</c> or <c>json</c>.</summary>
    public string FormatName => NameOf(Format);

    /// <summary>A <c>text</c> payload.</summary>
    public static ProcessPayload Text(string text) => new(PayloadFormat.Text, Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

    /// <summary>A <c>bytes</c> payload (the bytes are copied).</summary>
    public static ProcessPayload Bytes(ReadOnlySpan<byte> bytes) => new(PayloadFormat.Bytes, bytes.ToArray());

    /// <summary>A <c>json</c> payload from JSON text.</summary>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not one valid JSON value.</exception>
    public static ProcessPayload Json(string json)
    {
        var data = Encoding.UTF8.GetBytes(json ?? throw new ArgumentNullException(nameof(json)));
        if (!IsJson(data)) throw new ArgumentException("not one valid JSON value", nameof(json));
        return new(PayloadFormat.Json, data);
    }

    /// <summary>The data as text (UTF-8; invalid bytes become U+FFFD).</summary>
    public string AsText() => Encoding.UTF8.GetString(Data.Span);

    /// <inheritdoc />
    public override string ToString() => $"{FormatName}: {(Format == PayloadFormat.Bytes ? $"{Data.Length} bytes" : AsText())}";

    /// <summary>
    /// A payload from its wire form, or why it is refused: <c>unsupported-payload</c> for an unknown format,
    /// <c>invalid-message</c> for text that is not UTF-8 or JSON that does not parse. Takes ownership of <paramref name="data"/>.
    /// </summary>
    internal static ProcessPayload? From(string format, byte[] data, out SendOutcome refused)
    {
        refused = SendOutcome.Accepted;
        switch (format)
        {
            case "bytes":
                return new(PayloadFormat.Bytes, data);
            case "text":
                if (!IsUtf8(data)) refused = SendOutcome.InvalidMessage;
                return refused == SendOutcome.Accepted ? new(PayloadFormat.Text, data) : null;
            case "json":
                if (!IsJson(data)) refused = SendOutcome.InvalidMessage;
                return refused == SendOutcome.Accepted ? new(PayloadFormat.Json, data) : null;
            default:
                refused = SendOutcome.UnsupportedPayload;
                return null;
        }
    }

    /// <summary>The wire name of <paramref name="format"/>.</summary>
    internal static string NameOf(PayloadFormat format) => format switch
    {
        PayloadFormat.Text => "text",
        PayloadFormat.Json => "json",
        _ => "bytes",
    };

    private static bool IsUtf8(ReadOnlySpan<byte> data) => System.Text.Unicode.Utf8.IsValid(data);

    private static bool IsJson(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read()) return false;
            reader.Skip();
            return !reader.Read(); // exactly one value
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
