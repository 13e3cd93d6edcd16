namespace Wippy.Host.Native;

/// <summary>
/// The exception of a host function that failed a guest's call, kept (per thread) between the native callback that
/// failed and the call that reports it: the callback can only return a Wasmtime error or trap, and the caller
/// turns the error back into this exception.
/// </summary>
internal static unsafe class HostCallFailure
{
    [ThreadStatic]
    private static Exception? t_pending;

    /// <summary>Remembers <paramref name="exception"/> as the reason of the failure the callback is about to return.</summary>
    public static void Set(Exception exception) => t_pending = exception;

    /// <summary>The remembered exception, cleared; null when no host function failed on this thread.</summary>
    public static Exception? Take()
    {
        var pending = t_pending;
        t_pending = null;
        return pending;
    }

    /// <summary>
    /// Remembers <paramref name="exception"/> (<see cref="Set"/>) and returns a new trap with its message: what a core
    /// host function's callback returns to fail the guest's call with it.
    /// </summary>
    public static nint Trap(Exception exception)
    {
        Set(exception);
        var message = System.Text.Encoding.UTF8.GetBytes(exception.Message);
        fixed (byte* m = message)
        {
            return Interop.WasmtimeApi.wasmtime_trap_new(m, (nuint)message.Length);
        }
    }
}
