using Xunit.Sdk;

namespace Wippy.Host.Tests.Support;

/// <summary>
/// Runs callers at once, each on a thread of its own released together: a sync caller blocks its thread while it
/// waits for a worker, so the thread pool would otherwise decide how many really wait at once. A caller that has not
/// returned after <see cref="Eventually.Deadline"/> fails the test (a call lost in a queue) instead of hanging it.
/// </summary>
internal static class ConcurrentCallers
{
    /// <summary>
    /// Starts the async callers <paramref name="caller"/>(0 … <paramref name="count"/> − 1) at once, each from a thread
    /// of its own: an async call completes synchronously while a worker is free, so callers started one after the other
    /// (or from the few threads of the thread pool) would each run alone until a worker is taken, and never pile up.
    /// </summary>
    public static Task<T[]> Start<T>(int count, Func<int, Task<T>> caller)
    {
        var tasks = new Task<T>[count];
        Run(count, i => tasks[i] = caller(i)); // each thread returns at its caller's first wait for a worker
        return Task.WhenAll(tasks).WaitAsync(Eventually.Deadline);
    }

    /// <summary>Runs <paramref name="caller"/>(0 … <paramref name="count"/> − 1) at once; returns what each returned, by index.</summary>
    public static T[] Run<T>(int count, Func<int, T> caller)
    {
        var results = new T[count];
        var errors = new Exception?[count];
        using var start = new ManualResetEventSlim();
        var threads = Enumerable.Range(0, count).Select(i => new Thread(() =>
        {
            start.Wait();
            try
            {
                results[i] = caller(i);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        }) { IsBackground = true, Name = $"caller-{i}" }).ToList();
        foreach (var t in threads) t.Start();
        start.Set();
        var deadline = DateTime.UtcNow + Eventually.Deadline;
        for (var i = 0; i < count; i++)
        {
            var left = deadline - DateTime.UtcNow;
            if (!threads[i].Join(left > TimeSpan.Zero ? left : TimeSpan.Zero))
            {
                throw new XunitException($"caller {i} still had not returned after {Eventually.Deadline.TotalSeconds:0} s");
            }
        }
        if (errors.FirstOrDefault(e => e is not null) is { } error) throw new XunitException($"a caller failed: {error}");
        return results;
    }
}
