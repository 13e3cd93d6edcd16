namespace Wippy.Host.Pools;

/// <summary>
/// The warm instances of one function, waiting for their next call: a single fast slot in front of an array of
/// slots, each taken and given back with one atomic exchange (no locks, no allocation). The fast slot, which serves
/// every call of a function called by one caller at a time, is guarded by an integer state, so that its exchanges are
/// plain compare-exchanges of an int (an exchange of an object reference is a runtime helper with a GC write barrier),
/// and its instance stays named while a call has it out: taking it is one compare-exchange, giving it back one plain
/// store (an uncontended compare-exchange costs 10–12 ns on the 2-core machines we measure on; see
/// <see cref="ReturnFast"/> for what makes the store enough). Holds at most
/// <c>capacity</c> instances (and never more than <see cref="MaxKept"/>); an instance given back to a full pool is disposed. Each slot remembers when its
/// instance was given back, so instances idle too long can be retired.
/// </summary>
internal sealed class InstancePool<T> : IDisposable
    where T : class, IDisposable
{
    private readonly T?[] _slots;
    private readonly long[] _stamps;
    // The fast slot: _fast and _fastStamp are meaningful while _fastState is Held or Out, and written only by the thread
    // that moved the state to Busy (which then publishes them with a volatile write of the next state) or, while the
    // state is Out, by the one caller that took the instance (Out means: _fast is lent to a call, and only that call
    // moves the state on, back to Held in ReturnFast or to Empty in Forget).
    private const int FastEmpty = 0, FastHeld = 1, FastBusy = 2, FastOut = 3;
    private int _fastState;
    private T? _fast;
    private long _fastStamp;
    private volatile bool _disposed;
    private readonly Lock _retiring = new();

    /// <summary>
    /// The most instances one pool keeps, whatever its capacity: the slots are allocated up front, so a pool declared
    /// with billions of workers must not try to allocate them.
    /// </summary>
    public const int MaxKept = 10_000;

    public InstancePool(int capacity)
    {
        _slots = new T?[Math.Max(0, Math.Min(capacity, MaxKept) - 1)];
        _stamps = new long[_slots.Length];
    }

    public int Capacity => _slots.Length + 1;

    /// <summary>How many instances are idle now.</summary>
    public int Count
    {
        get
        {
            var count = Volatile.Read(ref _fastState) == FastHeld ? 1 : 0;
            foreach (var slot in _slots) if (slot is not null) count++;
            return count;
        }
    }

    /// <summary>A warm instance, or null when none is idle.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public T? TryTake()
    {
        if (Volatile.Read(ref _fastState) == FastHeld && Interlocked.CompareExchange(ref _fastState, FastOut, FastHeld) == FastHeld) return _fast;
        return _slots.Length == 0 ? null : TryTakeFromSlots();
    }

    private T? TryTakeFromSlots()
    {
        T? instance;
        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            instance = slots[i];
            if (instance is not null && Interlocked.CompareExchange(ref slots[i], null, instance) == instance) return instance;
        }
        return null;
    }

    /// <summary>Keeps <paramref name="instance"/> for a later call; false when the pool is full or disposed (then it disposed the instance).</summary>
    public bool Return(T instance) => Return(instance, 0);

    /// <summary>
    /// Keeps <paramref name="instance"/>, noting <paramref name="timestamp"/> (<see cref="Environment.TickCount64"/>, ms)
    /// as its last use; false when the pool is full or disposed (then it disposed the instance).
    /// </summary>
    public bool Return(T instance, long timestamp)
    {
        if (IsOut(instance)) return ReturnFast(instance, timestamp);
        if (!_disposed)
        {
            if (Volatile.Read(ref _fastState) == FastEmpty && Interlocked.CompareExchange(ref _fastState, FastBusy, FastEmpty) == FastEmpty)
            {
                _fast = instance;
                _fastStamp = timestamp;
                Volatile.Write(ref _fastState, FastHeld);
                return KeptUnlessDisposed(instance);
            }
            var slots = _slots;
            for (var i = 0; i < slots.Length; i++)
            {
                if (Interlocked.CompareExchange(ref slots[i], instance, null) is null)
                {
                    Volatile.Write(ref _stamps[i], timestamp);
                    return KeptUnlessDisposed(instance);
                }
            }
        }
        instance.Dispose();
        return false;
    }

    /// <summary>Whether <paramref name="instance"/> is the fast slot's, lent to the call now giving it back or letting it go.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool IsOut(T instance) => Volatile.Read(ref _fastState) == FastOut && ReferenceEquals(_fast, instance);

    /// <summary>
    /// Gives the fast slot's instance back: one plain store, no atomic (while it is out no other thread writes the slot).
    /// </summary>
    /// <remarks>
    /// Two checks follow the store, each a read of a flag another thread raised before reading the slot: this pool's
    /// <see cref="_disposed"/> (here) and the entry pool's count of waiting callers (<see cref="EntryPool{T}"/>, after
    /// this returns). A plain store may still sit in this core's store buffer when the read after it is served, so
    /// each pair needs a full fence on one side; it is on the side that is rare: <see cref="Dispose"/> and a caller
    /// starting to wait call <see cref="Interlocked.MemoryBarrierProcessWide"/> between raising the flag and reading the
    /// slot, so that either they see the instance given back or this thread sees the flag.
    /// </remarks>
    private bool ReturnFast(T instance, long timestamp)
    {
        _fastStamp = timestamp;
        Volatile.Write(ref _fastState, FastHeld);
        return KeptUnlessDisposed(instance);
    }

    /// <summary>
    /// Lets go of <paramref name="instance"/>, which its call is about to dispose instead of giving back: if it is the fast
    /// slot's, the slot is empty again.
    /// </summary>
    public void Forget(T instance)
    {
        if (!IsOut(instance)) return;
        _fast = null;
        Volatile.Write(ref _fastState, FastEmpty);
    }

    // Dispose may have emptied the pool between our check of _disposed and the exchange that kept the instance: then
    // take it out again (unless Dispose or a caller took it meanwhile), so that no instance outlives the pool.
    private bool KeptUnlessDisposed(T instance)
    {
        if (!_disposed) return true;
        if (!TryTakeBack(instance)) return true; // someone else took it: theirs to dispose
        instance.Dispose();
        return false;
    }

    private bool TryTakeBack(T instance)
    {
        if (TryTakeFast(fast => fast == instance, out _)) return true;
        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref slots[i], null, instance) == instance) return true;
        }
        return false;
    }

    /// <summary>Disposes the instances last used before <paramref name="cutoff"/>, keeping at least <paramref name="keep"/> idle ones; returns how many it retired.</summary>
    public int RetireOlderThan(long cutoff, int keep)
    {
        // One pass at a time: two passes (a late reaper tick and the next) would each count the instance to keep as
        // another's to retire, and together retire them all.
        using var pass = _retiring.EnterScope();
        var retired = 0;
        var remaining = Count;
        for (var i = 0; i < _slots.Length && remaining > keep; i++)
        {
            var instance = _slots[i];
            if (instance is null || Volatile.Read(ref _stamps[i]) >= cutoff) continue;
            if (Interlocked.CompareExchange(ref _slots[i], null, instance) != instance) continue;
            instance.Dispose();
            retired++;
            remaining--;
        }
        if (remaining > keep && TryTakeFast(_ => _fastStamp < cutoff, out var fast))
        {
            fast.Dispose();
            retired++;
        }
        return retired;
    }

    /// <summary>Takes the fast slot's instance if there is one and <paramref name="condition"/> (if any) holds for it.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool TryTakeFast(Func<T, bool> condition, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? taken)
    {
        taken = null;
        if (Interlocked.CompareExchange(ref _fastState, FastBusy, FastHeld) != FastHeld) return false;
        var instance = _fast!;
        if (!condition(instance))
        {
            Volatile.Write(ref _fastState, FastHeld);
            return false;
        }
        _fast = null;
        Volatile.Write(ref _fastState, FastEmpty);
        taken = instance;
        return true;
    }

    public IEnumerable<T> Idle()
    {
        if (Volatile.Read(ref _fastState) == FastHeld && _fast is { } fast) yield return fast;
        foreach (var slot in _slots)
        {
            if (slot is not null) yield return slot;
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Interlocked.MemoryBarrierProcessWide(); // see ReturnFast: a fast instance given back now is seen below, or sees _disposed
        while (TryTake() is { } instance) instance.Dispose();
    }
}
