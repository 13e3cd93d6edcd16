using System.Diagnostics;

namespace Wippy.Http.Tests.Support;

/// <summary>Waiting for a condition the test then relies on: polled, with a generous deadline, never a fixed sleep.</summary>
internal static class Polling
{
    /// <summary>Returns once <paramref name="condition"/> holds; throws after 30 s, naming <paramref name="what"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException("never: " + what);
            await Task.Delay(5);
        }
    }
}
