using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// An exported function: a copy of Wasmtime's <c>wasmtime_func_t</c> plus its store. A small value type; calls
/// allocate nothing on success. Valid while its store lives; <c>default</c> is not a function.
/// </summary>
internal readonly unsafe struct WasmFunction
{
    private readonly WasmStore? _store;
    private readonly WasmtimeFunc _func;
    private readonly int _slotCount;

    internal WasmFunction(WasmStore store, in WasmtimeFunc func, int slotCount)
    {
        _store = store;
        _func = func;
        _slotCount = slotCount;
    }

    /// <summary>Wasmtime's handle of the function (for the calls that take it by pointer: an async call).</summary>
    internal WasmtimeFunc Native => _func;

    /// <summary>The store the function lives in; null for <c>default</c>.</summary>
    public WasmStore? Store => _store;

    /// <summary>
    /// The smallest buffer <see cref="CallUnchecked"/> accepts: max(parameter count, result count), from the
    /// function's type.
    /// </summary>
    public int SlotCount => _slotCount;

    /// <summary>
    /// Calls the function through <c>wasmtime_func_call_unchecked</c>. On entry
    /// <paramref name="argsAndResults"/> holds the arguments (slot i = parameter i); on return it holds the
    /// results (slot i = result i). No type check is made: the caller must fill each slot per the function's
    /// signature (check it once with <see cref="GetFuncType"/> when loading).
    /// </summary>
    /// <param name="argsAndResults">At least <see cref="SlotCount"/> slots.</param>
    /// <exception cref="WasmTrapException">The guest trapped (then drop the instance).</exception>
    /// <exception cref="WasmtimeException">The call failed without a trap.</exception>
    /// <exception cref="ArgumentException">The buffer is shorter than <see cref="SlotCount"/>.</exception>
    public void CallUnchecked(Span<ValueRaw> argsAndResults)
    {
        if (CallReturningFailure(argsAndResults) is { } failure) throw failure;
    }

    /// <summary>
    /// <see cref="CallUnchecked"/> that hands back its failure (a <see cref="WasmTrapException"/> or another
    /// <see cref="WasmtimeException"/>) instead of throwing it; null when the function returned.
    /// </summary>
    /// <remarks>
    /// For the hot call paths: a caller that would catch the exception puts the call inside a try region, where the
    /// JIT does not inline a P/Invoke on 64-bit targets (the call then goes through a marshalling stub, a few
    /// nanoseconds more per call). Here, outside any try, the native call is inlined. This method itself is never
    /// inlined: inlined into the generated Canonical ABI methods, the P/Invoke frame's set-up cost about 170 ns per
    /// call when the method was reached through an async proxy (measured with <c>--spin Proxy_ComputeAsync</c>:
    /// 250–300 ns against 87–95 ns), and only 3 ns less on the synchronous path.
    /// </remarks>
    /// <exception cref="ArgumentException">The buffer is shorter than <see cref="SlotCount"/>.</exception>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public WasmtimeException? CallReturningFailure(Span<ValueRaw> argsAndResults)
    {
        nint context = RequireStore().Context;
        if (argsAndResults.Length < _slotCount)
        {
            ThrowShortBuffer(argsAndResults.Length);
        }

        WasmtimeFunc func = _func;
        nint trap = 0;
        nint error;
        fixed (ValueRaw* slots = argsAndResults)
        {
            error = WasmtimeApi.wasmtime_func_call_unchecked(context, &func, slots, (nuint)argsAndResults.Length, &trap);
        }

        return error != 0 || trap != 0 ? NativeErrors.Failure(error, trap) : null;
    }

    /// <summary>Reads the function's signature from Wasmtime (allocates; meant for load-time checks).</summary>
    /// <returns>The parameter and result types.</returns>
    public WasmFuncType GetFuncType()
    {
        WasmtimeFunc func = _func;
        nint funcType = WasmtimeApi.wasmtime_func_type(RequireStore().Context, &func);
        try
        {
            return TypeReader.ReadFuncType(funcType);
        }
        finally
        {
            WasmtimeApi.wasm_functype_delete(funcType);
        }
    }

    private WasmStore RequireStore() =>
        _store ?? throw new InvalidOperationException("This WasmFunction is default: obtain one from WasmInstance.TryGetFunction.");

    private void ThrowShortBuffer(int length) =>
        throw new ArgumentException(
            $"The buffer has {length} slot(s); this function needs {_slotCount} (max of parameter and result counts).",
            "argsAndResults");
}
