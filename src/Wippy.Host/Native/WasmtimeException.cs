namespace Wippy.Host.Native;

/// <summary>
/// An error reported by Wasmtime (compilation, instantiation, a failed call that is not a trap…).
/// The message is Wasmtime's own, complete (including its "Caused by" chain and any backtrace).
/// </summary>
internal class WasmtimeException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The error message.</param>
    public WasmtimeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="innerException">The underlying exception.</param>
    public WasmtimeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception carrying a WASI exit status.</summary>
    /// <param name="message">The error message.</param>
    /// <param name="exitStatus">The status a guest passed to WASI <c>proc_exit</c>, if that is what ended the call.</param>
    public WasmtimeException(string message, int? exitStatus)
        : base(message)
    {
        ExitStatus = exitStatus;
    }

    /// <summary>
    /// The exit status when the error is a WASI <c>proc_exit</c> (Wasmtime's <c>wasmtime_error_exit_status</c>);
    /// otherwise null.
    /// </summary>
    public int? ExitStatus { get; }
}
