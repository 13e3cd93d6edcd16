using Wippy.Host.Native;

namespace Wippy.Host.Loading;

/// <summary>
/// The one ticker of an engine: a background thread that advances the engine's epoch every <see cref="Tick"/>.
/// Running guests reach their epoch deadline at each tick and are asked whether to go on
/// (<see cref="WasmInterruptWatch"/>), which is how time limits, cancellation and shutdown stop even a guest that
/// never calls the host, with no timer per call.
/// </summary>
/// <remarks>
/// The ticker outlives every store: <see cref="Dispose"/> asks it to stop, but it keeps ticking until the engine has
/// no live store left (a call still running when the runtime is disposed must still reach its deadline), then
/// disposes the engine. Dispose waits for that up to <see cref="StopWait"/>; a call held longer by a host function
/// that ignores cancellation keeps the thread (a background one) ticking until it ends.
/// </remarks>
internal sealed class EpochTicker : IDisposable
{
    /// <summary>How long <see cref="Dispose"/> waits for the last store to go.</summary>
    public static readonly TimeSpan StopWait = TimeSpan.FromSeconds(5);

    private readonly WasmEngine _engine;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stopRequested = new(false);

    public EpochTicker(WasmEngine engine, TimeSpan tick)
    {
        if (tick <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(tick), tick, "The epoch tick must be positive.");
        _engine = engine;
        Tick = tick;
        _thread = new Thread(Run) { IsBackground = true, Name = "wippy-epoch" };
        _thread.Start();
    }

    /// <summary>How often the epoch advances: the resolution of time limits and cancellation of running calls.</summary>
    public TimeSpan Tick { get; }

    /// <summary>Whether the thread has ended (after <see cref="Dispose"/>, once no store lives).</summary>
    public bool Stopped => !_thread.IsAlive;

    private void Run()
    {
        while (true)
        {
            if (!_stopRequested.IsSet) _stopRequested.Wait(Tick);
            else if (_engine.LiveStores <= 0) break;
            else Thread.Sleep(Tick);
            _engine.IncrementEpoch();
            Pools.CoarseClock.Refresh(); // the pools' idle stamps read it on every call
        }
        _engine.Dispose();
    }

    /// <summary>Stops the ticker once no store of the engine lives, and disposes the engine then; waits up to <see cref="StopWait"/>.</summary>
    public void Dispose()
    {
        _stopRequested.Set();
        _thread.Join(StopWait);
    }
}
