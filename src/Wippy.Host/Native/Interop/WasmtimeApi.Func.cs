using System.Runtime.InteropServices;
using Wippy.Host.GeneratedCode;

namespace Wippy.Host.Native.Interop;

// wasmtime/func.h. No [SuppressGCTransition] on the call: guest code can run for a long time (and the
// GC must be able to proceed meanwhile); the transition costs a few nanoseconds.
internal static unsafe partial class WasmtimeApi
{
    /// <summary>Owned result: free with <see cref="wasm_functype_delete"/>.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_func_type(nint context, WasmtimeFunc* func);

    /// <summary>
    /// Calls without type checks. <paramref name="argsAndResults"/> holds the parameters on entry and
    /// the results on return; its length must be at least max(params, results) (Wasmtime does not check).
    /// Returns an owned <c>wasmtime_error_t*</c> or 0; a trap is returned through <paramref name="trap"/>.
    /// </summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_func_call_unchecked(
        nint context, WasmtimeFunc* func, ValueRaw* argsAndResults, nuint argsAndResultsLength, nint* trap);
}
