using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Execution;

/// <summary>
/// A call of a planned component's export on a fiber (<see cref="CoreFiberPlan"/>): started as a core future with the
/// store's suspending functions, polled to completion by <see cref="FiberCalls"/> within the call's limits, the results
/// copied back into the flat slots the generated code reads.
/// </summary>
internal static class CoreFiberCall
{
    /// <summary>Calls and blocks the thread between polls.</summary>
    /// <exception cref="WasmtimeException">The guest trapped, an import failed, or the call was stopped while it waited.</exception>
    public static void Call(CoreInstance instance, CoreFibers fibers, Span<ValueRaw> flat)
    {
        using var future = WasmCallFuture.StartCoreCall(in instance.Export, flat, fibers.Plan.ExportParamKinds, fibers.Plan.ExportResultCount, fibers.Suspending);
        FiberCalls.Run(future, instance.Watch);
        future.TakeCoreResults(flat);
    }

    /// <summary>Calls and awaits between polls (no thread held while the guest waits); failures as the call's errors naming <paramref name="entryId"/>.</summary>
    /// <exception cref="WippyException">As <see cref="CoreCall.Invoke"/>.</exception>
    public static async ValueTask CallAsync(CoreInstance instance, CoreFibers fibers, ValueRaw[] flat, string entryId)
    {
        try
        {
            using var future = WasmCallFuture.StartCoreCall(in instance.Export, flat, fibers.Plan.ExportParamKinds, fibers.Plan.ExportResultCount, fibers.Suspending);
            await FiberCalls.RunAsync(future, instance.Watch).ConfigureAwait(false);
            future.TakeCoreResults(flat);
        }
        catch (WasmtimeException e)
        {
            throw CoreCall.CallFailed(instance, entryId, e, "the call");
        }
    }
}
