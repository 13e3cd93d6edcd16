namespace Wippy.Host.Tests.Support;

/// <summary>
/// Samples an entry's pool on a thread of its own until stopped, keeping the highest number of calls running, queued
/// and waiting for room seen: what a load test needs to show that the pool really was oversubscribed and its bounds held.
/// </summary>
internal sealed class PoolPeaks : IDisposable
{
    private readonly FunctionHandle _handle;
    private readonly Thread _sampler;
    private volatile bool _stopped;

    private PoolPeaks(FunctionHandle handle)
    {
        _handle = handle;
        _sampler = new Thread(Sample) { IsBackground = true, Name = "pool-peaks" };
        _sampler.Start();
    }

    public int Busy { get; private set; }

    public int Queued { get; private set; }

    public int WaitingForRoom { get; private set; }

    /// <summary>How many samples were taken.</summary>
    public int Samples { get; private set; }

    /// <summary>Starts sampling <paramref name="handle"/>.</summary>
    public static PoolPeaks Watch(FunctionHandle handle) => new(handle);

    /// <summary>Stops sampling; the peaks are final once this returns.</summary>
    public void Stop()
    {
        _stopped = true;
        _sampler.Join();
    }

    public void Dispose() => Stop();

    public override string ToString() => $"{Busy} running, {Queued} queued, {WaitingForRoom} waiting for room (peaks of {Samples} samples)";

    private void Sample()
    {
        while (!_stopped)
        {
            Busy = Math.Max(Busy, _handle.Busy);
            Queued = Math.Max(Queued, _handle.Queued);
            WaitingForRoom = Math.Max(WaitingForRoom, _handle.WaitingForRoom);
            Samples++;
            Thread.Sleep(1);
        }
    }
}
