using System.Runtime.InteropServices;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Components;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// A host function a core guest calls on a fiber, whose work may not be done when it returns: given the core arguments
/// (the array also takes the results, as in <see cref="WasmFunction.CallUnchecked"/>), it returns null when the results
/// are written, or what it waits for and the step that writes them then.
/// </summary>
internal delegate CoreSuspension? SuspendingFunction(ValueRaw[] slots);

/// <summary>
/// What a <see cref="SuspendingFunction"/> waits for, and the step that runs once that completed: it writes the results
/// (and returns null), or returns the next wait (a blocking stream write waits for room, writes, then waits for the flush).
/// </summary>
/// <param name="task">Completes when the wait may have ended.</param>
/// <param name="complete">The next step (runs on the fiber, inside a poll); may throw.</param>
/// <param name="wakeAt">When the wait may have ended by time alone (a <see cref="System.Diagnostics.Stopwatch"/> timestamp; <see cref="long.MaxValue"/>: not by time).</param>
/// <param name="isReady">Whether the wait has ended although <paramref name="task"/> has not completed (a clock's deadline passed); null: only the task says.</param>
internal sealed class CoreSuspension(Task task, Func<ValueRaw[], CoreSuspension?> complete, long wakeAt = long.MaxValue, Func<bool>? isReady = null)
{
    /// <summary>Completes when the wait may have ended.</summary>
    public Task Task { get; } = task;

    /// <summary>When the wait may have ended by time alone.</summary>
    public long WakeAt { get; } = wakeAt;

    /// <summary>Whether the wait has ended now (the task completed, or <c>isReady</c> says so).</summary>
    public bool IsReady => Task.IsCompleted || (isReady?.Invoke() ?? false);

    /// <summary>The next step: writes the results and returns null, or returns the next wait.</summary>
    public Func<ValueRaw[], CoreSuspension?> Complete { get; } = complete;
}

/// <summary>
/// Core host functions that suspend the guest on its fiber (<c>wasmtime_linker_define_async_func</c>). Wasmtime's C API
/// has them only as linker definitions, made once per entry; each store gets its own through <c>wasmtime_linker_get</c>.
/// The definition knows only which lowered import it is: the store's own function for it comes from the call being
/// polled (<see cref="WasmCallFuture.Suspending"/>).
/// </summary>
/// <remarks>
/// <b>Only a guest polled through a future may reach one.</b> A guest that calls such a function during a synchronous
/// call (a <c>cabi_realloc</c> the host calls, a start function) makes Wasmtime 50 panic, which aborts the process:
/// measured, also for a synchronous call nested inside a fiber's host function. So a guest never imports one directly:
/// it imports a trampoline (<see cref="Execution.CoreFiberPlan"/>) that asks the host whether a synchronous call is in
/// progress and then calls the blocking twin instead.
/// </remarks>
internal static unsafe class CoreSuspendingFunctions
{
    /// <summary>Which lowered import a definition serves, and its result types (each result value carries its kind).</summary>
    private sealed class Definition(int lower, byte[] resultKinds)
    {
        public int Lower { get; } = lower;
        public byte[] ResultKinds { get; } = resultKinds;
    }

    /// <summary>A suspended call: what it waits for now, its slots, and where Wasmtime reads its results (kept alive by Wasmtime until the continuation says done).</summary>
    private sealed class Pending(CoreSuspension suspension, ValueRaw[] slots, WasmtimeVal* results, byte[] kinds)
    {
        public CoreSuspension Suspension { get; set; } = suspension;
        public ValueRaw[] Slots { get; } = slots;
        public WasmtimeVal* Results { get; } = results;
        public byte[] Kinds { get; } = kinds;
    }

    /// <summary>
    /// Defines, in <paramref name="linker"/> under <paramref name="module"/>/<paramref name="name"/>, a suspending function
    /// of the type <paramref name="module"/>'s import <paramref name="importIndex"/> of <paramref name="owner"/> has,
    /// serving lowered import <paramref name="lower"/>.
    /// </summary>
    public static void Define(WasmCoreLinker linker, string module, string name, WasmModule owner, int importIndex, int lower)
    {
        var vec = default(WasmPtrVec);
        WasmtimeApi.wasmtime_module_imports(owner.Handle, &vec);
        try
        {
            var type = WasmtimeApi.wasm_externtype_as_functype_const(WasmtimeApi.wasm_importtype_type(vec.Data[importIndex]));
            var kinds = TypeReader.ReadFuncType(type).Results.Select(k => (byte)k).ToArray();
            var moduleBytes = System.Text.Encoding.UTF8.GetBytes(module);
            var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
            nint data = GCHandle.ToIntPtr(GCHandle.Alloc(new Definition(lower, kinds)));
            fixed (byte* m = moduleBytes)
            fixed (byte* n = nameBytes)
            {
                // The linker owns the definition from here: it frees the handle when it is deleted (or on failure).
                NativeErrors.ThrowIfError(WasmtimeApi.wasmtime_linker_define_async_func(
                    linker.Handle, m, (nuint)moduleBytes.Length, n, (nuint)nameBytes.Length, type, &Call, data, &Free));
            }
        }
        finally
        {
            WasmtimeApi.wasm_importtype_vec_delete(&vec);
        }
    }

    /// <summary>The linker's definition <paramref name="module"/>/<paramref name="name"/> as a function of <paramref name="store"/>.</summary>
    public static WasmtimeExtern Get(WasmCoreLinker linker, WasmStore store, string module, string name)
    {
        var moduleBytes = System.Text.Encoding.UTF8.GetBytes(module);
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        var item = default(WasmtimeExtern);
        fixed (byte* m = moduleBytes)
        fixed (byte* n = nameBytes)
        {
            if (!WasmtimeApi.wasmtime_linker_get(linker.Handle, store.Context, m, (nuint)moduleBytes.Length, n, (nuint)nameBytes.Length, &item))
            {
                throw new InvalidOperationException($"the linker defines no '{module}#{name}'");
            }
        }
        return item;
    }

    [UnmanagedCallersOnly]
    private static void Call(nint env, nint caller, WasmtimeVal* args, nuint argCount, WasmtimeVal* results, nuint resultCount, nint* trap, AsyncContinuation* continuation)
    {
        // Whatever happens, Wasmtime gets a continuation; a trap set here fails the guest's call at once.
        continuation->Callback = &Done;
        continuation->Env = 0;
        continuation->Finalizer = null;
        try
        {
            var definition = (Definition)GCHandle.FromIntPtr(env).Target!;
            var functions = WasmCallFuture.Polling?.Suspending;
            if (functions is null || definition.Lower >= functions.Length || functions[definition.Lower] is not { } function)
            {
                throw new InvalidOperationException("a suspending import was called outside a call on a fiber");
            }
            var slots = new ValueRaw[Math.Max((int)argCount, (int)resultCount)];
            for (var i = 0; i < (int)argCount; i++) slots[i].I64 = args[i].Bits;
            if (function(slots) is not { } suspension)
            {
                WriteResults(slots, results, definition.ResultKinds);
                return;
            }
            continuation->Callback = &Continue;
            continuation->Env = GCHandle.ToIntPtr(GCHandle.Alloc(new Pending(suspension, slots, results, definition.ResultKinds)));
            continuation->Finalizer = &Free;
        }
        catch (Exception e)
        {
            *trap = HostCallFailure.Trap(e);
        }
    }

    /// <summary>
    /// Polled by Wasmtime each time the future is: not done while the operation runs (the future is told what to wait
    /// for); once it completed, writes the results. A failure here cannot fail the call through Wasmtime: it becomes the
    /// future's fault (and the thread's host-call failure), and whoever drives the future abandons it.
    /// </summary>
    [UnmanagedCallersOnly]
    private static byte Continue(nint env)
    {
        var pending = (Pending)GCHandle.FromIntPtr(env).Target!;
        var future = WasmCallFuture.Polling;
        try
        {
            while (pending.Suspension.IsReady)
            {
                if (pending.Suspension.Complete(pending.Slots) is not { } next)
                {
                    WriteResults(pending.Slots, pending.Results, pending.Kinds);
                    return 1;
                }
                pending.Suspension = next; // another wait: it may be over already
            }
            future?.WaitFor(pending.Suspension.Task, pending.Suspension.WakeAt);
            return 0;
        }
        catch (Exception e)
        {
            HostCallFailure.Set(e);
            future?.Fail(e);
            return 0;
        }
    }

    private static void WriteResults(ValueRaw[] slots, WasmtimeVal* results, byte[] kinds)
    {
        for (var i = 0; i < kinds.Length; i++)
        {
            results[i].Kind = kinds[i];
            results[i].Bits = slots[i].I64;
        }
    }

    [UnmanagedCallersOnly]
    private static byte Done(nint env) => 1;

    [UnmanagedCallersOnly]
    private static void Free(nint data) => GCHandle.FromIntPtr(data).Free();
}
