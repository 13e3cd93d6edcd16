namespace Wippy.Host.Execution;

/// <summary>
/// A flag set on this thread for the start of a call (a scope), one per <typeparamref name="TTag"/>: how a caller says
/// what kind of call it is starting (an HTTP request's, a command's run) to the checks that run before the call's
/// first await. Thread-static, so it must be left on the thread that entered it.
/// </summary>
/// <typeparam name="TTag">A type naming the flag (each closed type has its own thread-static field).</typeparam>
internal static class ThreadFlag<TTag>
{
    [ThreadStatic]
    private static bool t_set;

    /// <summary>Whether the flag is set on this thread.</summary>
    public static bool IsSet => t_set;

    /// <summary>Sets the flag on this thread until the scope is disposed.</summary>
    public static Scope Enter()
    {
        var previous = t_set;
        t_set = true;
        return new Scope(previous);
    }

    /// <summary>Restores the flag as it was.</summary>
    internal readonly struct Scope(bool previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => t_set = previous;
    }
}
