using System.Diagnostics;
using Wippy.Host.Registry;

namespace Wippy.Host.Pools;

/// <summary>
/// The workers of one entry (docs/runtime.md#workers-pools): at most <see cref="Capacity"/> calls run at once, each on its caller's thread
/// (no hand-off), on a warm instance when one is idle. Callers beyond the capacity wait in FIFO order for a worker,
/// their cancellation (a Timeout error) or shutdown (Unavailable). Instances are kept warm between calls up to the
/// capacity, and retired after <c>idleTimeout</c> without use (lazy: all of them; adaptive: all but one; static: none).
/// <list type="bullet">
/// <item><c>inline</c>: no cap, no waiting, a fresh instance per call, never kept.</item>
/// <item><c>lazy</c>: cap <c>max_size</c>; starts with no instance; idle ones retired.</item>
/// <item><c>static</c>: cap <c>workers</c>, instances kept; a queue of at most <c>buffer</c> callers, and callers
/// beyond a full queue wait for room in it (in order).</item>
/// <item><c>adaptive</c>: cap <c>max_size</c>; grows as callers need instances, shrinks to one when idle.</item>
/// </list>
/// </summary>
internal sealed class EntryPool<T> : IDisposable
    where T : class, IDisposable
{
    private readonly string _entryId;
    private readonly Func<T> _create;
    private readonly PoolType _type;
    private readonly InstancePool<T>? _idle;
    private readonly object _gate = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly LinkedList<Waiter> _overflow = new(); // static pools: callers waiting for room in a full queue
    private int _busy;
    private int _waiting;
    private volatile bool _disposed;

    public EntryPool(string entryId, PoolSettings settings, Func<T> create)
    {
        _entryId = entryId;
        _create = create;
        _type = settings.Type;
        Capacity = settings.Type switch
        {
            PoolType.Inline => int.MaxValue,
            PoolType.Static => Math.Max(1, settings.Workers),
            _ => Math.Max(1, settings.MaxSize),
        };
        QueueLimit = settings.Type == PoolType.Static ? Math.Max(1, settings.Buffer) : int.MaxValue;
        _idle = settings.Type == PoolType.Inline ? null : new InstancePool<T>(Capacity);
    }

    /// <summary>How many calls may run at once.</summary>
    public int Capacity { get; }

    /// <summary>The queue length of a static pool's <c>buffer</c> (int.MaxValue for the others).</summary>
    public int QueueLimit { get; }

    /// <summary>Calls running now.</summary>
    public int Busy => Volatile.Read(ref _busy);

    /// <summary>Callers in the queue now (at most <see cref="QueueLimit"/>).</summary>
    public int Queued
    {
        get
        {
            lock (_gate) return _waiters.Count;
        }
    }

    /// <summary>Callers waiting for room in a full queue (static pools) now.</summary>
    public int WaitingForRoom
    {
        get
        {
            lock (_gate) return _overflow.Count;
        }
    }

    /// <summary>Warm instances waiting for a call now.</summary>
    public int Idle => _idle?.Count ?? 0;

    /// <summary>The idle instances (for tests and diagnostics).</summary>
    internal IEnumerable<T> IdleInstances() => _idle?.Idle() ?? [];

    /// <summary>Takes a worker and its instance, waiting (blocking the thread) while all are busy.</summary>
    public T Rent(CancellationToken cancellationToken)
    {
        if (!TryEnter())
        {
            var waiter = Enqueue(cancellationToken);
            if (waiter is not null) waiter.Task.GetAwaiter().GetResult();
        }
        return Instance();
    }

    /// <summary>Takes a worker and its instance; completes synchronously when a worker is free.</summary>
    public ValueTask<T> RentAsync(CancellationToken cancellationToken)
    {
        if (TryEnter()) return new ValueTask<T>(Instance());
        var waiter = Enqueue(cancellationToken);
        return waiter is null ? new ValueTask<T>(Instance()) : Awaited(waiter);

        async ValueTask<T> Awaited(Waiter w)
        {
            await w.Task.ConfigureAwait(false);
            return Instance();
        }
    }

    /// <summary>Gives a worker back, keeping <paramref name="instance"/> warm when <paramref name="keep"/> (a completed, healthy call).</summary>
    public void Return(T instance, bool keep)
    {
        if (keep && !_disposed && _idle is not null) _idle.Return(instance, Environment.TickCount64);
        else instance.Dispose();
        Leave();
    }

    /// <summary>
    /// Keeps <paramref name="instance"/>, made outside any call (an entry's load-time check), warm for the first call;
    /// disposes it when the pool keeps no instances (inline) or is stopped.
    /// </summary>
    public void Adopt(T instance)
    {
        if (!_disposed && _idle is not null) _idle.Return(instance, Environment.TickCount64);
        else instance.Dispose();
    }

    /// <summary>Creates instances ahead of the first call (<c>warm_start</c>), up to <paramref name="count"/>.</summary>
    public void Warm(int count)
    {
        if (_idle is null) return;
        for (var i = Idle; i < Math.Min(count, _idle.Capacity) && !_disposed; i++) _idle.Return(_create(), Environment.TickCount64);
    }

    /// <summary>Retires instances idle for <paramref name="idleTimeout"/> or more (lazy: all; adaptive: keeps one; others: none).</summary>
    public int Retire(TimeSpan idleTimeout)
    {
        if (_idle is null || _type is PoolType.Static or PoolType.Inline) return 0;
        var cutoff = Environment.TickCount64 - (long)idleTimeout.TotalMilliseconds;
        return _idle.RetireOlderThan(cutoff, keep: _type == PoolType.Adaptive ? 1 : 0);
    }

    /// <summary>Stops the pool: waiting callers fail with Unavailable, idle instances are disposed, running calls finish and their instances are disposed.</summary>
    public void Dispose()
    {
        _disposed = true;
        List<Waiter> failed;
        lock (_gate)
        {
            failed = [.. _waiters, .. _overflow];
            _waiters.Clear();
            _overflow.Clear();
            _waiting = 0;
        }
        foreach (var w in failed) w.Fail(new WippyException(ErrorKind.Unavailable, _entryId, "the runtime stopped while the call waited for a worker"));
        _idle?.Dispose();
    }

    private T Instance()
    {
        try
        {
            return _idle?.TryTake() ?? _create();
        }
        catch
        {
            Leave();
            throw;
        }
    }

    /// <summary>Takes a worker if one is free and nobody waits before us.</summary>
    private bool TryEnter()
    {
        if (_disposed) throw Stopped();
        return Volatile.Read(ref _waiting) == 0 && TryIncrementBusy();
    }

    private bool TryIncrementBusy()
    {
        while (true)
        {
            var busy = Volatile.Read(ref _busy);
            if (busy >= Capacity) return false;
            if (Interlocked.CompareExchange(ref _busy, busy + 1, busy) == busy) return true;
        }
    }

    /// <summary>Joins the queue; null when a worker freed up meanwhile (then it is ours).</summary>
    private Waiter? Enqueue(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _waiting);
            if (_waiters.Count == 0 && TryIncrementBusy())
            {
                Interlocked.Decrement(ref _waiting);
                return null;
            }
            if (_disposed)
            {
                Interlocked.Decrement(ref _waiting);
                throw Stopped();
            }
            if (cancellationToken.IsCancellationRequested)
            {
                Interlocked.Decrement(ref _waiting);
                throw Cancelled();
            }
            var waiter = new Waiter { Pool = this };
            waiter.Node = _waiters.Count < QueueLimit ? _waiters.AddLast(waiter) : _overflow.AddLast(waiter);
            if (cancellationToken.CanBeCanceled) waiter.Registration = cancellationToken.Register(static state => ((Waiter)state!).Pool!.Cancel((Waiter)state!), waiter);
            return waiter;
        }
    }

    private void Cancel(Waiter waiter)
    {
        lock (_gate)
        {
            if (waiter.Node?.List is not { } list) return; // already granted or failed
            list.Remove(waiter.Node);
            Interlocked.Decrement(ref _waiting);
            PromoteOverflow();
        }
        waiter.Fail(Cancelled());
    }

    /// <summary>Frees a worker: hands it to the first waiter, if any.</summary>
    private void Leave()
    {
        Interlocked.Decrement(ref _busy);
        if (Volatile.Read(ref _waiting) == 0) return;
        Waiter? granted = null;
        lock (_gate)
        {
            if (_waiters.First is { } first && TryIncrementBusy())
            {
                _waiters.RemoveFirst();
                Interlocked.Decrement(ref _waiting);
                granted = first.Value;
                PromoteOverflow();
            }
        }
        granted?.Grant();
    }

    /// <summary>Moves the first caller waiting for room into the queue, if there is room (under the gate).</summary>
    private void PromoteOverflow()
    {
        if (_overflow.First is not { } next || _waiters.Count >= QueueLimit) return;
        _overflow.RemoveFirst();
        next.Value.Node = _waiters.AddLast(next.Value);
    }

    private WippyException Stopped() => new(ErrorKind.Unavailable, _entryId, "the runtime serving this entry has been disposed");

    private WippyException Cancelled() => new(ErrorKind.Timeout, _entryId, "the call was cancelled by its caller while it waited for a worker");

    private sealed class Waiter
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node;
        public CancellationTokenRegistration Registration;
        public EntryPool<T>? Pool;

        public Task Task => _done.Task;

        public void Grant()
        {
            Registration.Dispose();
            _done.TrySetResult();
        }

        public void Fail(Exception error)
        {
            Registration.Dispose();
            _done.TrySetException(error);
        }
    }
}
