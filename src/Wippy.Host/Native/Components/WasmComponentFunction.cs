using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native.Components;

/// <summary>
/// An exported component function: a copy of <c>wasmtime_component_func_t</c>, its store and its arity. Valid
/// while the store lives; <c>default</c> is not a function.
/// </summary>
internal readonly unsafe struct WasmComponentFunction
{
    private readonly WasmStore? _store;
    private readonly WasmtimeComponentFunc _func;

    internal WasmComponentFunction(WasmStore store, in WasmtimeComponentFunc func, int paramCount, int resultCount)
    {
        _store = store;
        _func = func;
        ParamCount = paramCount;
        ResultCount = resultCount;
    }

    /// <summary>The store the function lives in; null for <c>default</c>.</summary>
    public WasmStore? Store => _store;

    /// <summary>The native function (for <see cref="WasmCallFuture.StartCall"/>).</summary>
    internal WasmtimeComponentFunc Native => _func;

    /// <summary>The number of parameters.</summary>
    public int ParamCount { get; }

    /// <summary>The number of results: 0 or 1.</summary>
    public int ResultCount { get; }

    /// <summary>
    /// Calls the function (<c>wasmtime_component_func_call</c>; Wasmtime type-checks the arguments and runs the
    /// callee's <c>post-return</c> itself). Each slot of <paramref name="results"/> is cleared, then receives a
    /// value Wasmtime owns: after reading it, pass the span to <see cref="ComponentVal.Release(Span{ComponentVal})"/>
    /// (needless for scalar results).
    /// </summary>
    /// <param name="args">Exactly <see cref="ParamCount"/> arguments (borrowed; may come from a <see cref="ComponentValArena"/>).</param>
    /// <param name="results">Exactly <see cref="ResultCount"/> slots.</param>
    /// <exception cref="WasmTrapException">The guest trapped (the instance is then unusable).</exception>
    /// <exception cref="WasmtimeException">The call failed otherwise: argument types, a host function's error…</exception>
    /// <exception cref="ArgumentException">Wrong number of arguments or result slots.</exception>
    public void Call(ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results)
    {
        nint context = (_store ?? throw new InvalidOperationException("This WasmComponentFunction is default.")).Context;
        if (args.Length != ParamCount || results.Length != ResultCount)
        {
            ThrowArity(args.Length, results.Length);
        }

        // Wasmtime assigns each result slot, dropping its previous contents: they must own nothing.
        results.Clear();
        WasmtimeComponentFunc func = _func;
        nint error;
        fixed (ComponentVal* a = args)
        fixed (ComponentVal* r = results)
        {
            error = ComponentApi.wasmtime_component_func_call(&func, context, a, (nuint)args.Length, r, (nuint)results.Length);
        }

        if (error != 0)
        {
            throw ComponentErrors.FromError(error);
        }
    }

    private void ThrowArity(int args, int results) =>
        throw new ArgumentException(
            $"The function takes {ParamCount} argument(s) and {ResultCount} result slot(s); got {args} and {results}.");
}
