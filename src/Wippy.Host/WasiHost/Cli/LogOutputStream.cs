using Wippy.Host.Wasi;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Cli;

/// <summary>
/// The guest's stdout or stderr as an output stream: every write goes to its <see cref="GuestOutput"/> (one log event
/// per line), so it never blocks and is always ready. Null output drops what is written (an entry without a
/// <c>wasi:</c> block).
/// </summary>
internal sealed class LogOutputStream(GuestOutput? output) : OutputStream
{
    /// <inheritdoc />
    public override (ulong Permitted, StreamResult Status) CheckWrite() => (ImmediateBudget, StreamResult.Ok);

    /// <inheritdoc />
    public override StreamResult Write(ReadOnlySpan<byte> bytes)
    {
        output?.Write(bytes);
        return StreamResult.Ok;
    }

    /// <inheritdoc />
    public override StreamResult Flush() => StreamResult.Ok; // lines are logged as they end; the rest when the call ends

    /// <inheritdoc />
    public override Pollable Subscribe() => ReadyPollable.Instance;
}
