using Wippy.Host.Native;

namespace Wippy.Host.Loading;

/// <summary>
/// The one ticker of an engine: a background thread that advances the engine's epoch every <see cref="Tick"/>.
/// Running guests reach their epoch deadline at each tick and are asked whether to go on
/// (<see cref="WasmInterruptWatch"/>), which is how time limits and cancellation stop even a guest that never
/// calls the host, with no timer per call.
/// </summary>
internal sealed class EpochTicker : IDisposable
{
    private readonly WasmEngine _engine;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new(false);

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

    private void Run()
    {
        while (!_stop.Wait(Tick)) _engine.IncrementEpoch();
    }

    public void Dispose()
    {
        _stop.Set();
        _thread.Join();
        _stop.Dispose();
    }
}
