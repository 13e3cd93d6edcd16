namespace Wippy.Host.Tests.Support;

/// <summary>Runs a call with a token that a dedicated thread cancels after a delay.</summary>
public static class CancelledAfter
{
    /// <summary>Runs <paramref name="call"/> with a token cancelled after <paramref name="delay"/>.</summary>
    public static void Run(TimeSpan delay, Action<CancellationToken> call) => Run(delay, token =>
    {
        call(token);
        return true;
    });

    /// <summary>
    /// Runs <paramref name="call"/> with a token cancelled after <paramref name="delay"/> by a thread of its own (not a
    /// thread-pool timer, which other test classes that block pool threads could delay); returns what the call returns.
    /// </summary>
    public static T Run<T>(TimeSpan delay, Func<CancellationToken, T> call)
    {
        using var cancel = new CancellationTokenSource();
        var canceller = new Thread(() =>
        {
            Thread.Sleep(delay);
            cancel.Cancel();
        });
        canceller.Start();
        try
        {
            return call(cancel.Token);
        }
        finally
        {
            canceller.Join();
        }
    }
}
