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
/// The pool counts live instances (idle ones and those serving calls) rather than busy workers: a call that finds an
/// idle instance takes it with one atomic exchange and gives it back with another, and touches no counter; only making
/// or disposing an instance moves the count. Waiting callers and returners meet through <c>_waiting</c> (see
/// <see cref="Enqueue"/>), so a returned instance never sits idle while a caller waits.
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
    private int _live; // instances that exist (idle, serving a call, or being made): at most Capacity
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

    /// <summary>
    /// Calls running now (and instances being made for them): the live instances that are not idle. Read under the gate,
    /// so that an instance made ahead of calls (<see cref="Adopt"/>, <see cref="Warm"/>), counted and kept under it in
    /// one step, never shows as a call.
    /// </summary>
    public int Busy
    {
        get
        {
            lock (_gate) return Math.Max(0, Volatile.Read(ref _live) - Idle);
        }
    }

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
        if (TakeNow() is { } now) return now;
        var waiter = Enqueue(cancellationToken, out var ours);
        if (waiter is not null) ours = waiter.Task.GetAwaiter().GetResult();
        return ours ?? Create();
    }

    /// <summary>
    /// Takes a warm instance when one is idle now and no caller waits before this one; otherwise takes nothing (the
    /// caller then rents, which makes an instance, waits, or fails). Never throws: a stopped pool gives nothing.
    /// </summary>
    public bool TryTakeIdle([System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out T instance)
    {
        instance = !_disposed && Volatile.Read(ref _waiting) == 0 ? _idle?.TryTake() : null;
        return instance is not null;
    }

    /// <summary>Takes a worker and its instance; completes synchronously when a worker is free.</summary>
    public ValueTask<T> RentAsync(CancellationToken cancellationToken)
    {
        if (TakeNow() is { } now) return new ValueTask<T>(now);
        var waiter = Enqueue(cancellationToken, out var ours);
        return waiter is null ? new ValueTask<T>(ours ?? Create()) : Awaited(waiter);

        async ValueTask<T> Awaited(Waiter w) => await w.Task.ConfigureAwait(false) ?? Create();
    }

    /// <summary>
    /// Lets go of <paramref name="instance"/>, taken from this pool, which its caller disposes and replaces with another it
    /// made in the same place (the worker stays taken; give the new instance back with <see cref="Return"/>).
    /// </summary>
    public void Replacing(T instance) => _idle?.Forget(instance);

    /// <summary>Gives a worker back, keeping <paramref name="instance"/> warm when <paramref name="keep"/> (a completed, healthy call).</summary>
    public void Return(T instance, bool keep)
    {
        if (keep && _idle is not null) Keep(instance, CoarseClock.Milliseconds);
        else Discard(instance);
    }

    /// <summary>
    /// Keeps <paramref name="instance"/>, made outside any call (an entry's load-time check), warm for the first call;
    /// disposes it when the pool keeps no instances (inline), is full or is stopped.
    /// </summary>
    public void Adopt(T instance) => TryAdopt(instance, CoarseClock.Milliseconds);

    /// <summary>Creates instances ahead of the first call (<c>warm_start</c>), up to <paramref name="count"/> idle ones and within the capacity.</summary>
    public void Warm(int count)
    {
        if (_idle is null) return;
        // Made before they are counted (so that, being made, they are not calls in flight); one made when the pool has
        // filled meanwhile is disposed, and warming stops.
        for (var i = Idle; i < Math.Min(count, _idle.Capacity) && !_disposed && Volatile.Read(ref _live) < Capacity; i++)
        {
            if (!TryAdopt(_create(), CoarseClock.Refresh())) return;
        }
    }

    /// <summary>Counts and keeps an instance made outside any call, in one step under the gate; disposes it when there is no room.</summary>
    private bool TryAdopt(T instance, long timestamp)
    {
        lock (_gate)
        {
            if (!_disposed && _idle is not null && TryReserve())
            {
                Keep(instance, timestamp);
                return true;
            }
        }
        instance.Dispose();
        return false;
    }

    /// <summary>Retires instances idle for <paramref name="idleTimeout"/> or more (lazy: all; adaptive: keeps one; others: none).</summary>
    public int Retire(TimeSpan idleTimeout)
    {
        if (_idle is null || _type is PoolType.Static or PoolType.Inline) return 0;
        // "Idle for idleTimeout or more": given back at or before now - idleTimeout, i.e. strictly before one millisecond
        // after it (RetireOlderThan's cutoff is exclusive). A zero timeout thus retires an instance given back this very
        // millisecond, as it says.
        var cutoff = CoarseClock.Refresh() - (long)idleTimeout.TotalMilliseconds + 1;
        var retired = _idle.RetireOlderThan(cutoff, keep: _type == PoolType.Adaptive ? 1 : 0);
        if (retired > 0) Released(retired);
        return retired;
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

    /// <summary>
    /// When nobody waits: an idle instance (the warm path, one atomic exchange), else a new one in a free place; null
    /// when the caller must queue.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private T? TakeNow()
    {
        if (_disposed) throw Stopped();
        if (Volatile.Read(ref _waiting) != 0) return null;
        return _idle?.TryTake() ?? (TryReserve() ? Create() : null);
    }

    /// <summary>Makes an instance for a reserved place; a failure gives the place back.</summary>
    private T Create()
    {
        try
        {
            return _create();
        }
        catch
        {
            Released(1);
            throw;
        }
    }

    /// <summary>Puts a live instance among the idle ones, then hands one to the first waiter, if any.</summary>
    private void Keep(T instance, long timestamp)
    {
        // Either a caller joining the queue (which raises _waiting, then looks for an idle instance) finds ours, or we
        // see it waiting and dispatch: the instance never sits idle while a caller waits. That needs the read of _waiting
        // not to be served before the instance is in the pool: Return's exchange is a full fence, and where Return is a
        // plain store (the fast slot's instance, InstancePool.ReturnFast) the caller joining the queue fences for both.
        if (!_idle!.Return(instance, timestamp)) Released(1); // full or stopped: it disposed the instance
        else if (Volatile.Read(ref _waiting) != 0) Dispatch();
    }

    private void Discard(T instance)
    {
        _idle?.Forget(instance);
        instance.Dispose();
        Released(1);
    }

    /// <summary>Counts <paramref name="count"/> instances gone; a waiting caller may now make one.</summary>
    private void Released(int count)
    {
        Interlocked.Add(ref _live, -count);
        if (Volatile.Read(ref _waiting) != 0) Dispatch();
    }

    /// <summary>Reserves a place for a new instance, if the pool has room.</summary>
    private bool TryReserve()
    {
        while (true)
        {
            var live = Volatile.Read(ref _live);
            if (live >= Capacity) return false;
            if (Interlocked.CompareExchange(ref _live, live + 1, live) == live) return true;
        }
    }

    /// <summary>
    /// Joins the queue; null when an instance or a place was free after all (then <paramref name="ours"/> is the
    /// instance, or null for a place to make one in).
    /// </summary>
    private Waiter? Enqueue(CancellationToken cancellationToken, out T? ours)
    {
        ours = null;
        lock (_gate)
        {
            // Raise _waiting before looking again (a full fence): a returner that gave an instance back before this
            // sees it idle here; one that gives it back after reads _waiting and dispatches to us (see Keep).
            Interlocked.Increment(ref _waiting);
            if (_waiters.Count == 0 && !_disposed)
            {
                // A returner giving back the fast slot's instance makes one plain store, then reads _waiting (Keep): the
                // process-wide barrier makes its store seen here, or makes it see _waiting raised (InstancePool.ReturnFast).
                // A few microseconds, paid only by the first caller to wait (one behind others never looks at the slots).
                Interlocked.MemoryBarrierProcessWide();
                ours = _idle?.TryTake();
                if (ours is not null || TryReserve())
                {
                    Interlocked.Decrement(ref _waiting);
                    return null;
                }
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

    /// <summary>Hands idle instances, or places to make them in, to the waiting callers in order, while there are any.</summary>
    private void Dispatch()
    {
        while (Volatile.Read(ref _waiting) != 0)
        {
            Waiter granted;
            T? instance;
            lock (_gate)
            {
                if (_waiters.First is not { } first) return;
                instance = _idle?.TryTake();
                if (instance is null && !TryReserve()) return; // every place is taken: the next returner dispatches
                _waiters.RemoveFirst();
                Interlocked.Decrement(ref _waiting);
                granted = first.Value;
                PromoteOverflow();
            }
            granted.Grant(instance);
        }
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

    /// <summary>A caller in the queue: granted an idle instance, or null for a place to make one in.</summary>
    private sealed class Waiter
    {
        private readonly TaskCompletionSource<T?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node;
        public CancellationTokenRegistration Registration;
        public EntryPool<T>? Pool;

        public Task<T?> Task => _done.Task;

        public void Grant(T? instance)
        {
            Registration.Dispose();
            _done.TrySetResult(instance);
        }

        public void Fail(Exception error)
        {
            Registration.Dispose();
            _done.TrySetException(error);
        }
    }
}
