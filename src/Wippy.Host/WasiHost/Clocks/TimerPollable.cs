using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Clocks;

/// <summary>The pollable of wasi:clocks/monotonic-clock's subscriptions: ready from a moment on.</summary>
internal sealed class TimerPollable(long readyAt) : Pollable
{
    /// <inheritdoc />
    public override bool IsReady(long now) => now >= readyAt;

    /// <inheritdoc />
    public override long ReadyAt => readyAt;
}
