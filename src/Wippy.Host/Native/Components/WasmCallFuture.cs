using System.Runtime.InteropServices;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native.Components;

/// <summary>
/// A component call (or instantiation) running on one of Wasmtime's fibers (<c>wasmtime_call_future_t</c>).
/// <see cref="Poll"/> runs the guest until it finishes or an async host function must wait; the function then says
/// what it waits for (<see cref="Awaiting"/>), and whoever drives the future (<see cref="Execution.FiberCalls"/>) polls
/// again once that task completes, from any thread. Only one future may be alive per store, and the store must not be used otherwise meanwhile.
/// </summary>
/// <remarks>
/// No .NET frame is ever suspended on the fiber: an async host function's C# code returns before Wasmtime switches
/// stacks, and its continuation is a short C# call made from inside a later poll. So the runtime only ever sees
/// ordinary calls from native code, some of them on a stack it did not allocate.
/// Everything the future borrows (the function, the argument and result slots, the error out-pointer, the instance
/// out-slot) lives in one block of native memory owned by this object, so it cannot move.
/// </remarks>
internal sealed unsafe class WasmCallFuture : IDisposable
{
    [ThreadStatic]
    private static WasmCallFuture? t_polling;

    private readonly WasmStore _store;
    private readonly byte* _block;
    private readonly nint* _error;
    private readonly ComponentVal* _results;
    private readonly int _resultCount;
    private readonly WasmtimeComponentInstance* _instance;
    private byte* _coreBlock;
    private nint* _trap; // a core call's trap (component calls report errors only)
    private WasmtimeVal* _coreResults;
    private int _coreResultCount;
    private nint _future;
    private bool _freed;

    private WasmCallFuture(WasmStore store, int argCount, int resultCount)
    {
        _store = store;
        // error | instance | func | args | results, each 8-aligned.
        nuint size = (nuint)(sizeof(nint) + 16 + sizeof(WasmtimeComponentFunc) + (argCount + resultCount) * sizeof(ComponentVal));
        _block = (byte*)NativeMemory.AllocZeroed(size);
        _error = (nint*)_block;
        _instance = (WasmtimeComponentInstance*)(_block + sizeof(nint));
        _resultCount = resultCount;
        _results = (ComponentVal*)(_block + sizeof(nint) + 16 + sizeof(WasmtimeComponentFunc) + argCount * sizeof(ComponentVal));
    }

    /// <summary>The future being polled on this thread (the one an async host function's wait belongs to); null outside polls.</summary>
    internal static WasmCallFuture? Polling => t_polling;

    /// <summary>
    /// A core call's suspending host functions for this store, by lowered import (<see cref="CoreSuspendingFunctions"/>
    /// finds its function here); null for component calls.
    /// </summary>
    public SuspendingFunction?[]? Suspending { get; private set; }

    /// <summary>The store the guest runs in.</summary>
    public WasmStore Store => _store;

    /// <summary>Whether the guest finished (successfully or not); then <see cref="Poll"/> must not be called again.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>What the guest waits for since the last poll returned false; null when it only yielded (poll again at once).</summary>
    public Task? Awaiting { get; private set; }

    /// <summary>When the wait may have ended by time alone (a <see cref="System.Diagnostics.Stopwatch"/> timestamp; <see cref="long.MaxValue"/>: not by time): poll again then, even if <see cref="Awaiting"/> has not completed.</summary>
    public long AwaitingWakeAt { get; private set; } = long.MaxValue;

    /// <summary>
    /// A host function's failure that could not be reported through Wasmtime (a continuation can only say "not yet" or
    /// "done"): whoever drives the future must delete it and fail the call with this.
    /// </summary>
    public Exception? Fault { get; private set; }

    /// <summary>Starts a call of <paramref name="function"/>; <paramref name="args"/> are copied (what they point to must outlive the future).</summary>
    public static WasmCallFuture StartCall(in WasmComponentFunction function, ReadOnlySpan<ComponentVal> args)
    {
        var store = function.Store ?? throw new InvalidOperationException("This WasmComponentFunction is default.");
        if (args.Length != function.ParamCount)
        {
            throw new ArgumentException($"The function takes {function.ParamCount} argument(s); got {args.Length}.", nameof(args));
        }

        var future = new WasmCallFuture(store, args.Length, function.ResultCount);
        var func = (WasmtimeComponentFunc*)(future._block + sizeof(nint) + 16);
        *func = function.Native;
        var argSlots = (ComponentVal*)((byte*)func + sizeof(WasmtimeComponentFunc));
        args.CopyTo(new Span<ComponentVal>(argSlots, args.Length));
        future._future = ComponentApi.wasmtime_component_func_call_async(
            func, store.Context, argSlots, (nuint)args.Length, future._results, (nuint)future._resultCount, future._error);
        return future.Started();
    }

    /// <summary>
    /// Starts a core call of <paramref name="function"/> with <paramref name="args"/> (core values of the kinds
    /// <paramref name="paramKinds"/>), expecting <paramref name="resultCount"/> results; the guest's suspending imports
    /// find this store's functions in <paramref name="suspending"/>. Read the results with <see cref="TakeCoreResults"/>.
    /// </summary>
    public static WasmCallFuture StartCoreCall(in WasmFunction function, ReadOnlySpan<ValueRaw> args, ReadOnlySpan<byte> paramKinds, int resultCount, SuspendingFunction?[] suspending)
    {
        var store = function.Store ?? throw new InvalidOperationException("This WasmFunction is default.");
        var future = new WasmCallFuture(store, 0, 0) { Suspending = suspending };
        // trap | func | args | results: one more block, so that nothing the future borrows moves.
        var block = (byte*)NativeMemory.AllocZeroed((nuint)(sizeof(nint) + sizeof(WasmtimeFunc) + (paramKinds.Length + resultCount) * sizeof(WasmtimeVal)));
        future._coreBlock = block;
        future._trap = (nint*)block;
        var func = (WasmtimeFunc*)(block + sizeof(nint));
        *func = function.Native;
        var argSlots = (WasmtimeVal*)((byte*)func + sizeof(WasmtimeFunc));
        for (var i = 0; i < paramKinds.Length; i++)
        {
            argSlots[i].Kind = paramKinds[i];
            argSlots[i].Bits = args[i].I64;
        }
        future._coreResults = argSlots + paramKinds.Length;
        future._coreResultCount = resultCount;
        future._future = WasmtimeApi.wasmtime_func_call_async(
            store.Context, func, argSlots, (nuint)paramKinds.Length, future._coreResults, (nuint)resultCount, future._trap, future._error);
        return future.Started();
    }

    /// <summary>Copies a completed core call's results into the first slots of <paramref name="results"/>.</summary>
    public void TakeCoreResults(Span<ValueRaw> results)
    {
        ThrowIfFailed();
        for (var i = 0; i < _coreResultCount; i++) results[i].I64 = _coreResults[i].Bits;
    }

    /// <summary>Starts instantiating <paramref name="component"/> in <paramref name="store"/>; read it with <see cref="TakeInstance"/> once completed.</summary>
    public static WasmCallFuture StartInstantiate(WasmComponentLinker linker, WasmStore store, WasmComponent component)
    {
        var future = new WasmCallFuture(store, 0, 0);
        future._future = ComponentApi.wasmtime_component_linker_instantiate_async(
            linker.NativeHandle, store.Context, component.Handle, future._instance, future._error);
        return future.Started();
    }

    private WasmCallFuture Started()
    {
        if (_future == 0)
        {
            Dispose();
            throw new WasmtimeException("Wasmtime did not start the async call.");
        }

        return this;
    }

    /// <summary>
    /// Runs the guest on this thread until it completes (true) or waits (false: see <see cref="Awaiting"/> and
    /// <see cref="Fault"/>). After true, <see cref="ThrowIfFailed"/> reports how it ended.
    /// </summary>
    public bool Poll()
    {
        ObjectDisposedException.ThrowIf(_future == 0, this);
        if (IsCompleted) throw new InvalidOperationException("The call has completed; it must not be polled again.");
        Awaiting = null;
        AwaitingWakeAt = long.MaxValue;
        var outer = t_polling;
        t_polling = this;
        try
        {
            IsCompleted = ComponentApi.wasmtime_call_future_poll(_future);
        }
        finally
        {
            t_polling = outer;
        }

        return IsCompleted;
    }

    /// <summary>Called by an async host function's continuation: the guest waits for <paramref name="task"/> (or until <paramref name="wakeAt"/>).</summary>
    internal void WaitFor(Task task, long wakeAt = long.MaxValue)
    {
        Awaiting = task;
        AwaitingWakeAt = wakeAt;
    }

    /// <summary>Called by an async host function's continuation that failed (see <see cref="Fault"/>).</summary>
    internal void Fail(Exception exception) => Fault ??= exception;

    /// <summary>Throws what the completed call ended with (a trap, a host function's error…); nothing when it succeeded.</summary>
    /// <exception cref="WasmTrapException">The guest trapped.</exception>
    /// <exception cref="WasmtimeException">The call failed otherwise.</exception>
    public void ThrowIfFailed()
    {
        if (!IsCompleted) throw new InvalidOperationException("The call has not completed.");
        nint error = *_error;
        if (_trap is not null)
        {
            // A core call: a trap or an error, as a synchronous core call reports them (the caller takes a host function's failure).
            nint trap = *_trap;
            *_error = 0;
            *_trap = 0;
            if (error != 0 || trap != 0) NativeErrors.Throw(error, trap);
            return;
        }
        if (error != 0)
        {
            *_error = 0;
            throw ComponentErrors.FromError(error);
        }
    }

    /// <summary>Moves the completed call's results into <paramref name="results"/> (the caller then owns them: <see cref="ComponentVal.Release(Span{ComponentVal})"/>).</summary>
    public void TakeResults(Span<ComponentVal> results)
    {
        ThrowIfFailed();
        if (results.Length != _resultCount) throw new ArgumentException($"The function has {_resultCount} result slot(s).", nameof(results));
        var slots = new Span<ComponentVal>(_results, _resultCount);
        slots.CopyTo(results);
        slots.Clear();
    }

    /// <summary>The instance a completed instantiation made.</summary>
    public WasmtimeComponentInstance TakeInstance()
    {
        ThrowIfFailed();
        return *_instance;
    }

    /// <summary>
    /// Deletes the future. If the guest has not completed, Wasmtime cancels it (its fiber unwinds); the store's
    /// instance must then be discarded. Results not taken are released.
    /// </summary>
    public void Dispose()
    {
        if (_future != 0)
        {
            ComponentApi.wasmtime_call_future_delete(_future);
            _future = 0;
        }

        if (!_freed)
        {
            _freed = true;
            if (*_error != 0)
            {
                NativeErrors.FromError(*_error); // frees it
                HostCallFailure.Take();
            }

            if (IsCompleted)
            {
                ComponentVal.Release(new Span<ComponentVal>(_results, _resultCount));
            }

            NativeMemory.Free(_block);
            if (_coreBlock is not null)
            {
                if (*_trap != 0) WasmtimeApi.wasm_trap_delete(*_trap);
                NativeMemory.Free(_coreBlock);
            }
        }
    }
}
