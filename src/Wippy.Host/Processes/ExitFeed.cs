using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Wippy.Host.Processes;

/// <summary>
/// The runtime-wide stream of exits of monitored processes: each enumeration has its own bounded buffer (a slow reader
/// loses the oldest exits, never slows the host).
/// </summary>
internal sealed class ExitFeed
{
    /// <summary>Exits buffered per reader before the oldest are dropped.</summary>
    public const int BufferSize = 4096;

    private readonly List<Channel<ProcessExit>> _readers = [];
    private readonly object _gate = new();

    /// <summary>Gives <paramref name="exit"/> to every current reader.</summary>
    public void Publish(ProcessExit exit)
    {
        lock (_gate)
        {
            foreach (var reader in _readers) reader.Writer.TryWrite(exit);
        }
    }

    /// <summary>The exits published from now on, until <paramref name="cancellationToken"/> ends the enumeration.</summary>
    public async IAsyncEnumerable<ProcessExit> Read([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<ProcessExit>(new BoundedChannelOptions(BufferSize) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate) _readers.Add(channel);
        try
        {
            while (true)
            {
                ProcessExit exit;
                try
                {
                    if (!await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false)) yield break;
                    if (!channel.Reader.TryRead(out exit!)) continue;
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
                yield return exit;
            }
        }
        finally
        {
            lock (_gate) _readers.Remove(channel);
        }
    }
}
