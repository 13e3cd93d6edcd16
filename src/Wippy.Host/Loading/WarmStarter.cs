namespace Wippy.Host.Loading;

/// <summary>
/// Loads the <c>warm_start</c> entries and makes their first workers in the background: on at most one thread per
/// processor (threads of its own, so that a start-up that takes long never holds the thread pool), one entry at a
/// time per thread. An entry whose start-up runs past its time limit fails that start-up with Timeout and serves the
/// error to its callers; one without a limit is stopped when the runtime is disposed.
/// </summary>
internal static class WarmStarter
{
    /// <summary>Starts warming <paramref name="ids"/>; the task completes when all are done (it never faults).</summary>
    public static Task Start(IReadOnlyList<string> ids, WippyRuntime runtime)
    {
        if (ids.Count == 0) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = -1;
        var threads = Math.Min(ids.Count, Math.Max(1, Environment.ProcessorCount));
        var running = threads; // counted down by the threads as they end: the loop below must not read it
        for (var i = 0; i < threads; i++)
        {
            new Thread(Work) { IsBackground = true, Name = "wippy-warm-start" }.Start();
        }
        return done.Task;

        void Work()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < ids.Count && !runtime.IsDisposed)
            {
                try
                {
                    runtime.GetFunction(ids[index]).Warm();
                }
                catch (Exception)
                {
                    // The entry serves its load or start-up failure to its callers (a WippyException); the runtime may
                    // also have been disposed under the warm-up. Nothing may escape: this thread has no caller.
                }
            }
            if (Interlocked.Decrement(ref running) == 0) done.SetResult();
        }
    }
}
