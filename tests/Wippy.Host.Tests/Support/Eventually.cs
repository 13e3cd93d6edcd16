using System.Diagnostics;
using Xunit.Sdk;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// Waits for what another thread does (the reaper retiring instances and then logging it, a call reaching the guest,
/// a server printing that it serves): polls until the condition holds, up to a deadline far beyond what it needs on a
/// loaded 2-core CI machine, and fails naming what it waited for. A test polls for exactly what it asserts next
/// (<see cref="Passes"/> polls the assertions themselves); it never sleeps a fixed time and hopes.
/// </summary>
internal static class Eventually
{
    /// <summary>How long a condition may take before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>Blocks until <paramref name="condition"/> is true; fails with <paramref name="what"/> after <see cref="Deadline"/>.</summary>
    public static void True(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Deadline) throw new XunitException($"Still not true after {Deadline.TotalSeconds:0} s: {what}");
            Thread.Sleep(PollInterval);
        }
    }

    /// <summary>Waits (without blocking the thread) until <paramref name="condition"/> is true; fails with <paramref name="what"/> after <see cref="Deadline"/>.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) > Deadline) throw new XunitException($"Still not true after {Deadline.TotalSeconds:0} s: {what}");
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Runs <paramref name="assertions"/> until they all pass; after <see cref="Deadline"/>, their last failure is the
    /// test's (with its expected and actual values).
    /// </summary>
    public static void Passes(Action assertions)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                assertions();
                return;
            }
            catch (XunitException) when (Stopwatch.GetElapsedTime(started) <= Deadline)
            {
                Thread.Sleep(PollInterval);
            }
        }
    }
}
