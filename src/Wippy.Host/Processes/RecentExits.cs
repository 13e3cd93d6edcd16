namespace Wippy.Host.Processes;

/// <summary>The last exits, by PID, so that a monitor set just after a process ended still gets its exit.</summary>
internal sealed class RecentExits
{
    /// <summary>How many exits are remembered.</summary>
    public const int Capacity = 1024;

    private readonly Dictionary<string, ProcessExit> _byPid = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly object _gate = new();

    /// <summary>Remembers <paramref name="exit"/>, forgetting the oldest past <see cref="Capacity"/>.</summary>
    public void Add(ProcessExit exit)
    {
        lock (_gate)
        {
            _byPid[exit.Pid] = exit;
            _order.Enqueue(exit.Pid);
            if (_order.Count > Capacity) _byPid.Remove(_order.Dequeue());
        }
    }

    /// <summary>The remembered exit of <paramref name="pid"/>, or null.</summary>
    public ProcessExit? Find(string pid)
    {
        lock (_gate) return _byPid.GetValueOrDefault(pid);
    }
}
