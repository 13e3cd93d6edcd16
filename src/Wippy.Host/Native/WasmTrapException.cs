namespace Wippy.Host.Native;

/// <summary>
/// The guest trapped: an <c>unreachable</c>, an out-of-bounds access, a stack overflow, an epoch
/// interrupt, running out of fuel… <see cref="Exception.Message"/> is Wasmtime's full trap message
/// (with the wasm backtrace when there is one). After a trap, do not reuse the instance.
/// </summary>
internal sealed class WasmTrapException : WasmtimeException
{
    /// <summary>Creates a trap exception.</summary>
    /// <param name="message">Wasmtime's trap message.</param>
    /// <param name="code">The trap code, when the trap has one.</param>
    public WasmTrapException(string message, WasmTrapCode? code)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The trap code from <c>wasmtime_trap_code</c>; null for traps without one (e.g. raised by a host function).</summary>
    public WasmTrapCode? Code { get; }
}
