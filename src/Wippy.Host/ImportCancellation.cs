using Wippy.Host.Native;

namespace Wippy.Host;

/// <summary>
/// The cancellation of the guest call that a C# import implementation is serving. A component's call runs the app's
/// implementations of its imports (the generated <c>I…</c> interfaces) on the calling thread; an implementation that
/// waits (I/O, a lock, a delay) should wait on <see cref="Token"/>, which is cancelled when the call's
/// <c>limits.max_execution_ms</c> passes or its caller cancels. The call then fails with <c>Timeout</c>, whatever the
/// implementation throws, and the instance is dropped.
/// </summary>
/// <example>
/// <code>
/// public string? Lookup(string key) => _cache.GetAsync(key, ImportCancellation.Token).GetAwaiter().GetResult();
/// </code>
/// </example>
public static class ImportCancellation
{
    [ThreadStatic]
    private static WasmInterruptWatch? t_watch;

    /// <summary>
    /// The token of the call whose import runs on this thread; <see cref="CancellationToken.None"/> outside an import,
    /// or when the runtime runs without limits (no epoch interruption).
    /// </summary>
    public static CancellationToken Token => t_watch?.ImportToken() ?? CancellationToken.None;

    /// <summary>Makes <paramref name="watch"/> the current call's until the scope is disposed.</summary>
    internal static Scope Enter(WasmInterruptWatch? watch)
    {
        var previous = t_watch;
        t_watch = watch;
        Execution.CallCancellation.t_openScopes++;
        return new Scope(previous);
    }

    /// <summary>Restores the previous call's watch (imports can call other entries, which run their own imports).</summary>
    internal readonly struct Scope(WasmInterruptWatch? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose()
        {
            t_watch = previous;
            Execution.CallCancellation.t_openScopes--;
        }
    }
}
