using System.Buffers;
using System.Text;
using Microsoft.Extensions.Logging;
using Wippy.Host.Native;

namespace Wippy.Host.Wasi;

/// <summary>
/// One instance's stdout or stderr, turned into log events: one event per line, in the entry's own log category.
/// Each instance has its own buffers and serves one call at a time, so lines of concurrent calls never mix;
/// <see cref="Flush"/> at the end of every call logs a last line that had no newline, so nothing is dropped.
/// A command's guest writes to the terminal instead (its output is the command's): decoded as UTF-8, as it comes.
/// </summary>
internal sealed class GuestOutput : IGuestOutputSink
{
    /// <summary>A line longer than this is logged in pieces of this size (a guest cannot grow the buffer without bound).</summary>
    public const int MaxLineBytes = 16 * 1024;

    private readonly ILogger _logger;
    private readonly string _entryId;
    private readonly bool _isError;
    private readonly ArrayBufferWriter<byte> _line = new(256);
    private readonly TextWriter? _terminal;
    private readonly Decoder? _decoder;

    public GuestOutput(ILogger logger, string entryId, bool isError)
    {
        _logger = logger;
        _entryId = entryId;
        _isError = isError;
    }

    /// <summary>Output to <paramref name="terminal"/> (a command's), not to the log.</summary>
    public GuestOutput(TextWriter terminal)
    {
        _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _entryId = "";
        _terminal = terminal;
        _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder(); // keeps a character split between writes
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_terminal is not null)
        {
            var chars = new char[_decoder!.GetCharCount(bytes, flush: false)];
            var count = _decoder.GetChars(bytes, chars, flush: false);
            _terminal.Write(chars, 0, count);
            return;
        }
        while (!bytes.IsEmpty)
        {
            var newline = bytes.IndexOf((byte)'\n');
            var take = newline < 0 ? bytes.Length : newline;
            var room = MaxLineBytes - _line.WrittenCount;
            if (take > room)
            {
                _line.Write(bytes[..room]);
                bytes = bytes[room..];
                Emit();
                continue;
            }
            _line.Write(bytes[..take]);
            if (newline < 0) return;
            Emit();
            bytes = bytes[(newline + 1)..];
        }
    }

    /// <summary>Logs what is left of an unfinished line (or flushes the terminal).</summary>
    public void Flush()
    {
        if (_terminal is not null)
        {
            _terminal.Flush();
            return;
        }
        if (_line.WrittenCount > 0) Emit();
    }

    private void Emit()
    {
        var span = _line.WrittenSpan;
        if (!span.IsEmpty && span[^1] == (byte)'\r') span = span[..^1];
        var text = Encoding.UTF8.GetString(span);
        _line.ResetWrittenCount();
        if (_isError) Observability.WippyLog.GuestStderr(_logger, _entryId, text);
        else Observability.WippyLog.GuestStdout(_logger, _entryId, text);
    }
}
