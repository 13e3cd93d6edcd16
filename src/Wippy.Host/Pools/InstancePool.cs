namespace Wippy.Host.Pools;

/// <summary>
/// The warm instances of one function, waiting for their next call: a single fast slot in front of an array of
/// slots, each taken and given back with one atomic exchange (no locks, no allocation). Holds at most
/// <c>capacity</c> instances (and never more than <see cref="MaxKept"/>); an instance given back to a full pool is disposed. Each slot remembers when its
/// instance was given back, so instances idle too long can be retired.
/// </summary>
internal sealed class InstancePool<T> : IDisposable
    where T : class, IDisposable
{
    private readonly T?[] _slots;
    private readonly long[] _stamps;
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
            var count = Volatile.Read(ref _fast) is null ? 0 : 1;
            foreach (var slot in _slots) if (slot is not null) count++;
            return count;
        }
    }

    /// <summary>A warm instance, or null when none is idle.</summary>
    public T? TryTake()
    {
        var instance = _fast;
        if (instance is not null && Interlocked.CompareExchange(ref _fast, null, instance) == instance) return instance;
        var slots = _slots;
        for (var i = 0; i < slots.Length; i++)
        {
            instance = slots[i];
            if (instance is not null && Interlocked.CompareExchange(ref slots[i], null, instance) == instance) return instance;
        }
        return null;
    }

    /// <summary>Keeps <paramref name="instance"/> for a later call (disposes it when the pool is full or disposed).</summary>
    public void Return(T instance) => Return(instance, 0);

    /// <summary>Keeps <paramref name="instance"/>, noting <paramref name="timestamp"/> (<see cref="Environment.TickCount64"/>, ms) as its last use.</summary>
    public void Return(T instance, long timestamp)
    {
        if (!_disposed)
        {
            if (Interlocked.CompareExchange(ref _fast, instance, null) is null)
            {
                Volatile.Write(ref _fastStamp, timestamp);
                return;
            }
            var slots = _slots;
            for (var i = 0; i < slots.Length; i++)
            {
                if (Interlocked.CompareExchange(ref slots[i], instance, null) is null)
                {
                    Volatile.Write(ref _stamps[i], timestamp);
                    return;
                }
            }
        }
        instance.Dispose();
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
        var fast = _fast;
        if (remaining > keep && fast is not null && Volatile.Read(ref _fastStamp) < cutoff && Interlocked.CompareExchange(ref _fast, null, fast) == fast)
        {
            fast.Dispose();
            retired++;
        }
        return retired;
    }

    public IEnumerable<T> Idle()
    {
        if (_fast is { } fast) yield return fast;
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
