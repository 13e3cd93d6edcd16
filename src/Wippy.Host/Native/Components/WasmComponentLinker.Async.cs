using System.Runtime.InteropServices;
using System.Text;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native.Components;

// Host functions that may wait: defined with wasmtime_component_linker_instance_add_func_async. The C# function runs
// at once and either writes its results or returns a ComponentPending; Wasmtime then polls a continuation (a C#
// callback too) each time the guest's future is polled. While the awaited task is incomplete the continuation says
// "not yet" and tells the future being polled what it waits for, so Wasmtime suspends the guest's fiber and the poll
// returns; once it is complete the continuation runs the next step, which writes the results (the guest goes on) or
// waits again. No C# frame is on the fiber when it is suspended.
//
// The store's context pointer given to the first call stays valid for the continuation: Wasmtime's host future holds
// the store's borrow until it completes, and the pointer is to the store's own data, which does not move. So a step
// may use the store (make a resource handle for its results) exactly as the first call did.
internal sealed unsafe partial class WasmComponentLinker
{
    private static void AddAsyncFunction(nint target, string name, ComponentAsyncFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        byte[] utf8 = Encoding.UTF8.GetBytes(name);
        nint data = GCHandle.ToIntPtr(GCHandle.Alloc(function));
        nint error;
        fixed (byte* n = utf8)
        {
            error = ComponentApi.wasmtime_component_linker_instance_add_func_async(
                target, n, (nuint)utf8.Length, &InvokeAsyncHost, data, &FreeHost);
        }

        NativeErrors.ThrowIfError(error);
    }

    /// <summary>Instantiates <paramref name="component"/> in <paramref name="store"/> on a fiber (needed when it imports an async host function); drive the future to completion, then <see cref="WasmCallFuture.TakeInstance"/>.</summary>
    public WasmCallFuture StartInstantiate(WasmStore store, WasmComponent component)
    {
        CheckSameEngine(store, component);
        return WasmCallFuture.StartInstantiate(this, store, component);
    }

    [UnmanagedCallersOnly]
    private static void InvokeAsyncHost(
        nint env, nint context, nint type, ComponentVal* args, nuint argCount, ComponentVal* results, nuint resultCount,
        nint* errorRet, AsyncContinuation* continuation)
    {
        try
        {
            var function = (ComponentAsyncFunction)GCHandle.FromIntPtr(env).Target!;
            var count = checked((int)resultCount);
            var pending = function(context, new ReadOnlySpan<ComponentVal>(args, checked((int)argCount)), new Span<ComponentVal>(results, count));
            // Wasmtime keeps the result slots where they are until the continuation says it is done (and it must
            // always be given one: a function that did not wait is done at the first poll).
            var state = new PendingHostCall(context, pending, results, count);
            continuation->Callback = &PollPending;
            continuation->Env = GCHandle.ToIntPtr(GCHandle.Alloc(state));
            continuation->Finalizer = &FreeHost;
        }
        catch (Exception exception)
        {
            *errorRet = HostError(exception);
        }
    }

    /// <summary>The continuation: runs the steps whose waits have ended; done after the last one, otherwise the future being polled learns what to wait for.</summary>
    [UnmanagedCallersOnly]
    private static byte PollPending(nint env)
    {
        var state = (PendingHostCall)GCHandle.FromIntPtr(env).Target!;
        var future = WasmCallFuture.Polling;
        try
        {
            while (state.Pending is { } pending)
            {
                if (!pending.Ready.IsCompleted && !(pending.IsReady?.Invoke() ?? false))
                {
                    future?.WaitFor(pending.Ready, pending.WakeAt);
                    return 0;
                }

                state.Pending = pending.Next(state.Context, new Span<ComponentVal>(state.Results, state.ResultCount));
            }
            return 1;
        }
        catch (Exception exception)
        {
            // A continuation cannot fail the call: the driver deletes the future and reports this instead.
            future?.Fail(exception);
            return 0;
        }
    }

    private sealed class PendingHostCall(nint context, ComponentPending? pending, ComponentVal* results, int resultCount)
    {
        public nint Context { get; } = context;
        public ComponentPending? Pending { get; set; } = pending;
        public ComponentVal* Results { get; } = results;
        public int ResultCount { get; } = resultCount;
    }
}

/// <summary>
/// What an async host function that waits returns: the task it waits for and its next step once that task has
/// completed (which writes the results, or waits again).
/// </summary>
/// <remarks>
/// A wait that time alone can end may also say when (<see cref="WakeAt"/>) and how to tell it has ended
/// (<see cref="IsReady"/>): a driver that blocks its thread then wakes at that time by itself, without depending on a
/// timer that needs a free thread-pool thread to fire (synchronous callers on pool threads would otherwise starve it).
/// </remarks>
internal sealed class ComponentPending(Task ready, ComponentContinuation next, long wakeAt = long.MaxValue, Func<bool>? isReady = null)
{
    /// <summary>Completes when <see cref="Next"/> may run.</summary>
    public Task Ready { get; } = ready;

    /// <summary>The next step: writes the results (owned values, as for an ordinary host function's result slots) and returns null, or returns what to wait for next; may throw to fail the call.</summary>
    public ComponentContinuation Next { get; } = next;

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp at which the wait may have ended by time (<see cref="long.MaxValue"/>: not by time).</summary>
    public long WakeAt { get; } = wakeAt;

    /// <summary>Whether <see cref="Next"/> may run now although <see cref="Ready"/> has not completed (its timer not yet run); null: only <see cref="Ready"/> says.</summary>
    public Func<bool>? IsReady { get; } = isReady;
}

/// <summary>A step of an async host function after a wait: writes the results and returns null, or returns the next wait.</summary>
/// <param name="context">The calling store's context (the same as the function's first step got).</param>
/// <param name="results">The result slots.</param>
internal delegate ComponentPending? ComponentContinuation(nint context, Span<ComponentVal> results);

/// <summary>
/// A host function that may wait: does its immediate work with the store's context and arguments, then writes its
/// results and returns null (it did not need to wait), or returns what it waits for and its next step.
/// </summary>
/// <param name="context">The calling store's context.</param>
/// <param name="args">The arguments, borrowed for this call only (copy what the wait needs).</param>
/// <param name="results">The result slots, valid until the last step has run.</param>
internal delegate ComponentPending? ComponentAsyncFunction(nint context, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results);
