namespace Wippy.Host.Loading;

/// <summary>
/// The warm instances of one function, waiting for their next call: a single fast slot in front of a small
/// array of slots, each taken and given back with one atomic exchange (no locks, no allocation). Holds at
/// most <c>capacity</c> instances; an instance given back to a full pool is disposed.
/// </summary>
internal sealed class InstancePool<T> : IDisposable
    where T : class, IDisposable
{
    private readonly T?[] _slots;
    private T? _fast;
    private bool _disposed;

    public InstancePool(int capacity) => _slots = new T?[Math.Max(0, capacity - 1)];

    public int Capacity => _slots.Length + 1;

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

    /// <summary>Keeps <paramref name="instance"/> warm, or disposes it when the pool is full or closed.</summary>
    public void Return(T instance)
    {
        if (!_disposed)
        {
            if (Interlocked.CompareExchange(ref _fast, instance, null) is null) return;
            var slots = _slots;
            for (var i = 0; i < slots.Length; i++)
            {
                if (Interlocked.CompareExchange(ref slots[i], instance, null) is null) return;
            }
        }
        instance.Dispose();
    }

    /// <summary>The idle instances, for inspection.</summary>
    public IEnumerable<T> Idle()
    {
        if (_fast is { } fast) yield return fast;
        foreach (var slot in _slots)
        {
            if (slot is not null) yield return slot;
        }
    }

    /// <summary>Disposes every idle instance; instances returned afterwards are disposed too.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (TryTake() is { } instance) instance.Dispose();
    }
}
