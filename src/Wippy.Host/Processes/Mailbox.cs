namespace Wippy.Host.Processes;

/// <summary>
/// A process's queue of messages: first in, first out, bounded by <see cref="MailboxLimits"/>. Posting never waits
/// (a full mailbox refuses); taking never waits either: a reader that wants to wait awaits <see cref="WhenReadable"/>,
/// which completes when a message is queued or the mailbox closes. Thread-safe.
/// </summary>
internal sealed class Mailbox(MailboxLimits limits)
{
    private readonly Queue<ProcessMessage> _queue = new();
    private readonly object _gate = new();
    private long _bytes;
    private bool _closed;
    private TaskCompletionSource? _readable;

    /// <summary>The limits it keeps.</summary>
    public MailboxLimits Limits { get; } = limits;

    /// <summary>Whether it is closed: its owner is stopping; nothing is queued any more.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_gate) return _closed;
        }
    }

    /// <summary>Messages queued now.</summary>
    public int Count
    {
        get
        {
            lock (_gate) return _queue.Count;
        }
    }

    /// <summary>Whether a reader would not wait: a message is queued, or the mailbox is closed.</summary>
    public bool IsReadable
    {
        get
        {
            lock (_gate) return _closed || _queue.Count > 0;
        }
    }

    /// <summary>Queues <paramref name="message"/> if it fits; never waits, never drops what is queued.</summary>
    public SendOutcome TryPost(ProcessMessage message)
    {
        var size = message.Size;
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (_closed) return SendOutcome.Closed;
            if (size > Limits.MessageBytes) return SendOutcome.TooLarge;
            if (_queue.Count >= Limits.Capacity || _bytes + size > Limits.Bytes) return SendOutcome.Overloaded;
            _queue.Enqueue(message);
            _bytes += size;
            wake = _readable;
            _readable = null;
        }
        wake?.TrySetResult(); // outside the lock: continuations may run inline
        return SendOutcome.Accepted;
    }

    /// <summary>The oldest message, or false when none is queued (or the mailbox is closed).</summary>
    public bool TryTake(out ProcessMessage? message)
    {
        lock (_gate)
        {
            if (!_closed && _queue.TryDequeue(out message))
            {
                _bytes -= message.Size;
                return true;
            }
        }
        message = null;
        return false;
    }

    /// <summary>Completes when <see cref="IsReadable"/> (at once when it is now).</summary>
    public Task WhenReadable()
    {
        lock (_gate)
        {
            if (_closed || _queue.Count > 0) return Task.CompletedTask;
            return (_readable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>Closes it: queued messages are dropped, later posts fail with <see cref="SendOutcome.Closed"/>, waiting readers wake.</summary>
    public void Close()
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            _queue.Clear();
            _bytes = 0;
            wake = _readable;
            _readable = null;
        }
        wake?.TrySetResult();
    }
}
