using System.Diagnostics;

namespace Wippy.Host.Lua;

/// <summary>
/// Cancels a token source at a deadline, from one background thread of its own: how Lua's time limits
/// (<c>limits.max_execution_ms</c>) and executor timeouts stop code. A thread-pool timer (<c>CancelAfter</c>) fires
/// only once the pool has a thread free, so in a host whose pool is starved (calls blocking its threads) a 1 s limit
/// fired after 23 s. (WebAssembly's limits are checked on the epoch ticker's own thread, for the same reason; the token
/// C# imports wait on, <see cref="ImportCancellation"/>, is cancelled from here too.)
/// </summary>
internal sealed class LuaDeadline : IDisposable
{
    private static readonly object Gate = new(); // guards Pending and the thread (a Monitor: the thread waits on it)
    private static readonly PriorityQueue<LuaDeadline, long> Pending = new();
    private static Thread? s_thread;

    private readonly CancellationTokenSource _source;
    private readonly Lock _firing = new(); // Fire and Dispose: once Dispose returns, the source is never cancelled by this
    private bool _done;

    private LuaDeadline(CancellationTokenSource source) => _source = source;

    /// <summary>Cancels <paramref name="source"/> after <paramref name="delay"/>, unless the deadline is disposed first.</summary>
    public static LuaDeadline Start(CancellationTokenSource source, TimeSpan delay)
    {
        var deadline = new LuaDeadline(source);
        var due = Stopwatch.GetTimestamp() + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        lock (Gate)
        {
            Pending.Enqueue(deadline, due);
            if (s_thread is null)
            {
                s_thread = new Thread(Run) { IsBackground = true, Name = "wippy-lua-deadlines" };
                s_thread.Start();
            }
            if (Pending.Peek() == deadline) Monitor.Pulse(Gate); // the thread waits for a later deadline, or for none
        }
        return deadline;
    }

    /// <summary>Forgets the deadline (the call ended first); a cancellation already under way has finished when this returns.</summary>
    public void Dispose()
    {
        lock (Gate) Pending.Remove(this, out _, out _);
        lock (_firing) _done = true;
    }

    private void Fire()
    {
        lock (_firing)
        {
            if (_done) return;
            _done = true;
            try
            {
                _source.Cancel();
            }
            catch (AggregateException)
            {
                // A callback failed; the other callbacks ran, and the thread must go on serving every other deadline.
            }
        }
    }

    private static void Run()
    {
        while (true)
        {
            LuaDeadline due;
            lock (Gate)
            {
                while (true)
                {
                    if (!Pending.TryPeek(out due!, out var at))
                    {
                        Monitor.Wait(Gate);
                        continue;
                    }
                    var wait = at - Stopwatch.GetTimestamp();
                    if (wait <= 0)
                    {
                        Pending.Dequeue();
                        break;
                    }
                    Monitor.Wait(Gate, (int)Math.Clamp(wait * 1000.0 / Stopwatch.Frequency, 1, int.MaxValue));
                }
            }
            due.Fire();
        }
    }
}
