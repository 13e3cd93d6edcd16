namespace Wippy.Host.HostInterfaces;

/// <summary>
/// The host resources of one store: each a C# object with a number (the resource's "rep") that the guest's handles
/// refer to. Wasmtime keeps the guest's side (handle → rep) and checks every handle the guest passes; this table
/// turns a rep back into the object and checks its kind again. Not thread-safe: a store runs on one thread at a time.
/// </summary>
/// <remarks>
/// An entry lives from the host function that returns it as an owned handle until the guest drops the handle (the
/// resource's destructor) or passes it back as an owned argument (the host takes it over). Whatever is left when the
/// store goes away (a guest that never drops its handles) is disposed with the table. Every entry is a handle the
/// guest holds, so the table is bounded by Wasmtime's limit on a store's handles (about 100,000: a guest that keeps
/// making resources without dropping them traps there, <c>WasiHostClocksTests</c>).
/// </remarks>
internal sealed class ResourceTable : IDisposable
{
    private readonly List<Slot> _slots = [];
    private readonly Stack<uint> _free = new();

    /// <summary>How many resources are live.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="value"/> and returns its rep.</summary>
    public uint Add(HostResourceType type, object value)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(value);
        var slot = new Slot(type, value);
        uint rep;
        if (_free.TryPop(out rep))
        {
            _slots[(int)rep] = slot;
        }
        else
        {
            rep = (uint)_slots.Count;
            _slots.Add(slot);
        }
        Count++;
        return rep;
    }

    /// <summary>The object of <paramref name="rep"/>, which must be a live resource of <paramref name="type"/>.</summary>
    /// <exception cref="HostResourceException">There is no such live resource of that kind.</exception>
    public object Get(uint rep, HostResourceType type)
    {
        if (rep < (uint)_slots.Count && _slots[(int)rep] is { Value: not null } slot && ReferenceEquals(slot.Type, type))
        {
            return slot.Value;
        }
        throw new HostResourceException($"no live {type} has the number {rep}");
    }

    /// <summary>Removes <paramref name="rep"/> and returns its object, without disposing it.</summary>
    /// <exception cref="HostResourceException">There is no such live resource of that kind.</exception>
    public object Remove(uint rep, HostResourceType type)
    {
        var value = Get(rep, type);
        _slots[(int)rep] = default;
        _free.Push(rep);
        Count--;
        return value;
    }

    /// <summary>Disposes every resource still in the table.</summary>
    public void Dispose()
    {
        List<Exception>? failures = null;
        foreach (var slot in _slots)
        {
            try
            {
                (slot.Value as IDisposable)?.Dispose();
            }
            catch (Exception e)
            {
                (failures ??= []).Add(e);
            }
        }
        _slots.Clear();
        _free.Clear();
        Count = 0;
        if (failures is not null) throw new AggregateException("disposing the host resources of a store failed", failures);
    }

    private readonly record struct Slot(HostResourceType Type, object? Value);
}

/// <summary>A guest used a resource handle the host cannot accept: its call traps.</summary>
internal sealed class HostResourceException(string message) : Exception(message);
