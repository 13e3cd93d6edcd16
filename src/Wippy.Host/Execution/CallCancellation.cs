namespace Wippy.Host.Execution;

/// <summary>
/// The cancellation of the synchronous calls the current thread makes (a Lua executor's <c>timeout</c>, a future's
/// <c>cancel()</c>): generated proxies take no token, so a caller that needs one sets it here around its calls.
/// Per thread, not per async flow: only synchronous calls made on this thread see it.
/// </summary>
internal static class CallCancellation
{
    [ThreadStatic]
    private static CancellationToken t_current;

    /// <summary>The token of this thread's calls (none by default).</summary>
    public static CancellationToken Current => t_current;

    /// <summary>Sets the token until the returned scope is disposed (then the previous one is back).</summary>
    public static Scope Enter(CancellationToken token)
    {
        var previous = t_current;
        t_current = token;
        return new Scope(previous);
    }

    /// <summary>Restores the previous token.</summary>
    public readonly struct Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose() => t_current = previous;
    }
}
