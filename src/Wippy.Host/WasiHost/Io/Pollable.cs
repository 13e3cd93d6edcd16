namespace Wippy.Host.WasiHost.Io;

/// <summary>
/// wasi:io/poll's <c>pollable</c>: something the guest can wait for. A pollable becomes ready by time
/// (<see cref="ReadyAt"/>: a clock's subscription), by an event (<see cref="Signal"/>: data on a stream, a response
/// that arrived), or both; <see cref="PollInterface"/> waits for any of them within the call's limits.
/// </summary>
internal abstract class Pollable
{
    /// <summary>Whether it is ready at the <see cref="System.Diagnostics.Stopwatch"/> timestamp <paramref name="now"/>.</summary>
    public abstract bool IsReady(long now);

    /// <summary>The timestamp at which it becomes ready by time alone (<see cref="long.MaxValue"/>: never by time).</summary>
    public virtual long ReadyAt => long.MaxValue;

    /// <summary>A task that completes when it may have become ready by an event; null when only time makes it ready.</summary>
    public virtual Task? Signal => null;
}

/// <summary>A pollable that is always ready (the answer for streams that never block, such as the log's stdout).</summary>
internal sealed class ReadyPollable : Pollable
{
    /// <summary>The one instance (pollables hold no state of their own).</summary>
    public static ReadyPollable Instance { get; } = new();

    /// <inheritdoc />
    public override bool IsReady(long now) => true;

    /// <inheritdoc />
    public override long ReadyAt => 0;
}

/// <summary>A pollable ready once a task has ended (an app's async import): how such a wait joins the others.</summary>
internal sealed class TaskPollable(Task task) : Pollable
{
    /// <inheritdoc />
    public override bool IsReady(long now) => task.IsCompleted;

    /// <inheritdoc />
    public override Task? Signal => task;
}
