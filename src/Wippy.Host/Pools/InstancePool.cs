namespace Wippy.Host.Pools;

/// <summary>
/// The warm instances of one function, waiting for their next call: a single fast slot in front of an array of
/// slots, each taken and given back with one atomic exchange (no locks, no allocation). The fast slot, which serves
/// every call of a function called by one caller at a time, is guarded by an integer state, so that its exchanges are
/// plain compare-exchanges of an int (an exchange of an object reference is a runtime helper with a GC write barrier). Holds at most
/// <c>capacity</c> instances (and never more than <see cref="MaxKept"/>); an instance given back to a full pool is disposed. Each slot remembers when its
/// instance was given back, so instances idle too long can be retired.
/// </summary>
internal sealed class InstancePool<T> : IDisposable
    where T : class, IDisposable
{
    private readonly T?[] _slots;
    private readonly long[] _stamps;
    // The fast slot: _fast and _fastStamp are meaningful while _fastState is Held, and written only by the thread that
    // moved the state to Busy (which then publishes them with a volatile write of the next state).
    private const int FastEmpty = 0, FastHeld = 1, FastBusy = 2;
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
        if (Volatile.Read(ref _fastState) == FastHeld && TryTakeFast(null, out var fast)) return fast;
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
    private bool TryTakeFast(Func<T, bool>? condition, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? taken)
    {
        taken = null;
        if (Interlocked.CompareExchange(ref _fastState, FastBusy, FastHeld) != FastHeld) return false;
        var instance = _fast!;
        if (condition is not null && !condition(instance))
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
        while (TryTake() is { } instance) instance.Dispose();
    }
}
