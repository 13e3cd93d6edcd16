using Wippy.Host.Tests.Pools;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// host.add for the pools guest (registry/pools: run(x) = host.add(x, 1) * 2) that holds every call inside the guest
/// until <see cref="Release"/>, counting how many run at once: while a call is held, it is in flight for as long as
/// the test needs to look, however slow the machine.
/// </summary>
internal sealed class GateHost : IHost
{
    private readonly SemaphoreSlim _gate = new(0);
    private int _running;
    public int MaxRunning;
    public int Entered;
    public volatile bool Fail;

    /// <summary>When set, a held call also ends when its call must stop (<see cref="ImportCancellation.Token"/>), as an import that waits should.</summary>
    public volatile bool StopsWithItsCall;

    public int Add(int a, int b)
    {
        var now = Interlocked.Increment(ref _running);
        InterlockedMax(ref MaxRunning, now);
        Interlocked.Increment(ref Entered);
        try
        {
            if (StopsWithItsCall) _gate.Wait(ImportCancellation.Token);
            else _gate.Wait();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
        if (Fail) throw new InvalidOperationException("add is broken");
        return a + b;
    }

    /// <summary>Lets <paramref name="count"/> held (or later) calls go on.</summary>
    public void Release(int count) => _gate.Release(count);

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }
}
