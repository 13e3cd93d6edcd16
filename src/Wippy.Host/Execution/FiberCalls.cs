using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Execution;

/// <summary>
/// Instantiation and calls of a component whose waits are async host functions (<see cref="Wasi.WasiLinking.Needs.Fibers"/>):
/// each runs on a fiber (<see cref="WasmCallFuture"/>), and between polls this waits for what the guest waits for,
/// within the call's limits. When the limit passes or the caller cancels during a wait, the future is deleted (the
/// guest unwinds) and the call fails as an interrupted one (its watch says why); the instance is then discarded by the
/// pool like any failed call's.
/// </summary>
internal static class FiberCalls
{
    /// <summary>Calls the instance's function; same contract as <see cref="WasmComponentFunction.Call"/>.</summary>
    /// <exception cref="WasmTrapException">The guest trapped.</exception>
    /// <exception cref="WasmtimeException">The call failed otherwise, or was stopped while it waited (see the watch's reason).</exception>
    public static void Call(ComponentInstance instance, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results) =>
        Call(instance, instance.Function, args, results);

    /// <summary>Calls <paramref name="function"/>, an export of <paramref name="instance"/>; as <see cref="Call(ComponentInstance, ReadOnlySpan{ComponentVal}, Span{ComponentVal})"/>.</summary>
    public static void Call(ComponentInstance instance, WasmComponentFunction function, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results)
    {
        results.Clear();
        using var future = WasmCallFuture.StartCall(function, args);
        Run(future, instance.Watch);
        future.TakeResults(results);
    }

    /// <summary>
    /// Like <see cref="Call(ComponentInstance, ReadOnlySpan{ComponentVal}, Span{ComponentVal})"/>, holding no thread while the guest waits: each poll after a wait runs on the thread that
    /// completed what the guest waited for.
    /// </summary>
    public static ValueTask CallAsync(ComponentInstance instance, ComponentVal[] args, ComponentVal[] results) =>
        CallAsync(instance, instance.Function, args, results);

    /// <summary>Calls <paramref name="function"/>, an export of <paramref name="instance"/>; as <see cref="CallAsync(ComponentInstance, ComponentVal[], ComponentVal[])"/>.</summary>
    public static async ValueTask CallAsync(ComponentInstance instance, WasmComponentFunction function, ComponentVal[] args, ComponentVal[] results)
    {
        Array.Clear(results);
        using var future = WasmCallFuture.StartCall(function, args);
        await RunAsync(future, instance.Watch).ConfigureAwait(false);
        future.TakeResults(results);
    }

    /// <summary>Instantiates <paramref name="component"/> in <paramref name="store"/> (its start-up code may wait too).</summary>
    public static WasmComponentInstance Instantiate(WasmComponentLinker linker, WasmStore store, WasmComponent component, WasmInterruptWatch? watch)
    {
        using var future = linker.StartInstantiate(store, component);
        Run(future, watch);
        return new WasmComponentInstance(store, component, future.TakeInstance());
    }

    /// <summary>
    /// Polls on this thread to completion; between polls blocks until the awaited task completes, the wait's own time
    /// comes, or the call watched by <paramref name="watch"/> (null: no limits) must stop. Then throws what the call
    /// ended with, if anything.
    /// </summary>
    /// <exception cref="WasmTrapException">The guest trapped.</exception>
    /// <exception cref="WasmtimeException">The call failed otherwise (a failed continuation's exception inside), or was stopped while it waited.</exception>
    public static void Run(WasmCallFuture future, WasmInterruptWatch? watch)
    {
        while (!future.Poll())
        {
            if (future.Fault is { } fault) throw Abandon(future, "host function failed: " + fault.Message, fault);

            if (future.Awaiting is { } task && !task.IsCompleted)
            {
                try
                {
                    // Wakes by itself at the wait's time (no timer thread needed), then polls: the host function checks again.
                    HostWaits.Wait(watch, future.AwaitingWakeAt, [task]);
                }
                catch (OperationCanceledException stopped)
                {
                    throw Abandon(future, stopped.Message, stopped);
                }
            }
        }

        future.ThrowIfFailed();
    }

    /// <summary>As <see cref="Run"/>, awaiting instead of blocking between polls: each poll after a wait runs on the thread that completed it.</summary>
    public static async ValueTask RunAsync(WasmCallFuture future, WasmInterruptWatch? watch)
    {
        while (!future.Poll())
        {
            if (future.Fault is { } fault) throw Abandon(future, "host function failed: " + fault.Message, fault);

            if (future.Awaiting is { } task)
            {
                try
                {
                    await HostWaits.WaitForAsync(watch, task).ConfigureAwait(false);
                }
                catch (OperationCanceledException stopped)
                {
                    throw Abandon(future, stopped.Message, stopped);
                }
            }
            else
            {
                await Task.Yield(); // the guest only yielded: let others run, then go on
            }
        }

        future.ThrowIfFailed();
    }

    /// <summary>Deletes a future that cannot go on (the guest unwinds) and gives the error to throw, with why inside.</summary>
    private static WasmtimeException Abandon(WasmCallFuture future, string message, Exception cause)
    {
        future.Dispose();
        return new WasmtimeException(message, cause);
    }
}
