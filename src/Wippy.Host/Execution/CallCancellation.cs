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

    // How many cancellation scopes (this class's and ImportCancellation's) are open on this thread: one thread-static
    // read tells every call made outside any scope (the common case) that it has no ambient token, without looking
    // up the two scopes themselves.
    [ThreadStatic]
    internal static int t_openScopes;

    /// <summary>The token of this thread's calls (none by default).</summary>
    public static CancellationToken Current => t_current;

    /// <summary>
    /// The cancellation of the call the current thread is making, which bounds everything a nested call does: its
    /// run, and its wait for a worker (a function calling itself on a static pool of one waits for the worker its
    /// caller holds). <see cref="Current"/> when set (a running Lua call's limit, linked to its own caller's; an
    /// executor's timeout or a future's); otherwise, inside a C# implementation of a WebAssembly import, that call's
    /// <see cref="ImportCancellation.Token"/>; otherwise none.
    /// </summary>
    public static CancellationToken Ambient
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        get => t_openScopes == 0 ? default : Scoped();
    }

    private static CancellationToken Scoped() => t_current.CanBeCanceled ? t_current : ImportCancellation.Token;

    /// <summary>
    /// The exception of a call cancelled by the token its caller passed (an async proxy's): .NET code expects an
    /// <see cref="OperationCanceledException"/> carrying its own token; the Timeout error naming the entry is inside.
    /// </summary>
    public static OperationCanceledException CallerCancelled(WippyException error, CancellationToken token) =>
        new(error.Message, error, token);

    /// <summary>
    /// The kind a failed call is counted as: <paramref name="recorded"/> (what generated code saw), or Timeout for a
    /// call its caller's own token cancelled (an <see cref="OperationCanceledException"/>, which generated code does
    /// not record).
    /// </summary>
    public static ErrorKind FailureKind(Native.WasmInterruptWatch? watch, bool completed, ErrorKind recorded) =>
        !completed && watch is { CallersOwnToken: true, Reason: Native.WasmInterruptReason.Cancelled } ? ErrorKind.Timeout : recorded;

    /// <summary>Sets the token until the returned scope is disposed (then the previous one is back).</summary>
    public static Scope Enter(CancellationToken token)
    {
        var previous = t_current;
        t_current = token;
        t_openScopes++;
        return new Scope(previous);
    }

    /// <summary>Restores the previous token.</summary>
    public readonly struct Scope(CancellationToken previous) : IDisposable
    {
        public void Dispose()
        {
            t_current = previous;
            t_openScopes--;
        }
    }
}
