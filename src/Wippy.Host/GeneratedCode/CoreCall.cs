using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Wippy.Host.Execution;
using Wippy.Host.Native;

using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

/// <summary>
/// One call into a core module, as seen by generated Canonical ABI code: the instance it runs on, a view
/// of the guest's linear memory, allocation through <c>cabi_realloc</c>, and checked reads of whatever the
/// guest returned. Obtained from <see cref="WasmFunctionHandle.Begin"/>; always finished with <see cref="End"/>.
/// </summary>
/// <remarks>
/// Memory lifetime: the guest's memory can move or grow whenever guest code runs (the export itself, or
/// <c>cabi_realloc</c>). Every guest call marks the cached base pointer and size stale; they are read again
/// before the next memory access, and never handed out, so no span outlives a guest call. Every read of a
/// guest-provided pointer is bounds-checked.
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public unsafe struct CoreCall
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly CoreModuleExecution _execution;
    private readonly string? _importEntryId; // set for the frame of an import (see ForImport): there is no execution then
    private readonly CoreImportSuspension? _suspension; // the frame of an import that may suspend its guest (see Await)
    private CoreInstance? _instance;
    private byte* _memory;
    private ulong _memorySize;
    private bool _memoryStale;
    private bool _completed;
    private ErrorKind _failure;
    private readonly long _started;

    internal CoreCall(CoreModuleExecution execution, CoreInstance instance)
    {
        _execution = execution;
        _instance = instance;
        _memoryStale = true;
        _failure = ErrorKind.Internal;
        _started = execution.Observer.StartTiming();
    }

    /// <summary>
    /// The frame of a lowered import a planned component's guest calls (<see cref="CoreHostFunction"/>): the same
    /// checked reads and writes, over the memory and <c>cabi_realloc</c> the component's <c>canon lower</c> names.
    /// It has no execution of its own: never <see cref="Invoke"/>d or <see cref="End"/>ed.
    /// </summary>
    internal static CoreCall ForImport(string entryId, CoreInstance view) => new(entryId, view, null);

    /// <summary>
    /// The frame of a lowered import called on a fiber: an awaiting implementation's operation that is not complete is
    /// left in <paramref name="suspension"/> (see <see cref="Await{T}"/>) and the guest is suspended until it is.
    /// </summary>
    internal static CoreCall ForImport(string entryId, CoreInstance view, CoreImportSuspension suspension) => new(entryId, view, suspension);

    private CoreCall(string entryId, CoreInstance view, CoreImportSuspension? suspension)
    {
        _execution = null!;
        _importEntryId = entryId;
        _suspension = suspension;
        _instance = view;
        _memoryStale = true;
        _failure = ErrorKind.Internal;
    }

    /// <summary>The entry being called.</summary>
    public readonly string EntryId => _importEntryId ?? _execution.Id;

    // ---- imports (the frame of a lowered import) --------------------------------------------------------------

    /// <summary>
    /// The token an awaiting import implementation is given: cancelled when the guest's call passes its time limit,
    /// its caller cancels, or the runtime stops.
    /// </summary>
    public readonly CancellationToken ImportToken => Instance.Watch?.ImportToken() ?? CancellationToken.None;

    /// <summary>What an import implementation threw, kept apart from the errors of reading and writing guest values.</summary>
    public readonly Exception ImportFailed(Exception error) => new CoreImportFailure(error);

    /// <summary>
    /// Waits for an awaiting implementation's operation (<see cref="Await(ValueTask)"/> when the guest is not on a fiber):
    /// its thread waits; the wait ends early when the call must stop (time limit, caller's cancellation, runtime stopping).
    /// </summary>
    private readonly void Wait(ValueTask operation)
    {
        if (operation.IsCompletedSuccessfully) return;
        var task = operation.AsTask();
        Block(task);
        task.GetAwaiter().GetResult();
    }

    /// <summary>Waits for an awaiting implementation's operation and returns its value (see <see cref="Wait(ValueTask)"/>).</summary>
    private readonly T Wait<T>(ValueTask<T> operation)
    {
        if (operation.IsCompletedSuccessfully) return operation.Result;
        var task = operation.AsTask();
        Block(task);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Hands an awaiting implementation's operation over, with <paramref name="write"/>, which writes its value into the
    /// guest's results. Completed: written now. On a fiber: the guest is suspended until it completes, holding no thread,
    /// and the host writes it then. Otherwise the thread waits, as <see cref="Wait{T}(ValueTask{T})"/> does. What the
    /// operation throws fails the call as the implementation's failure.
    /// </summary>
    public void Await<T>(ValueTask<T> operation, Span<ValueRaw> slots, CoreImportResult<T> write)
    {
        if (!operation.IsCompleted && _suspension is { } suspension)
        {
            suspension.Pending = new CorePendingImport<T>(operation.AsTask(), write);
            return;
        }
        T result;
        try
        {
            result = Wait(operation);
        }
        catch (Exception e)
        {
            throw ImportFailed(e);
        }
        write(ref this, slots, result);
    }

    /// <summary>As <see cref="Await{T}"/>, for an operation without a value.</summary>
    public void Await(ValueTask operation)
    {
        if (!operation.IsCompleted && _suspension is { } suspension)
        {
            suspension.Pending = new CorePendingImport(operation.AsTask());
            return;
        }
        try
        {
            Wait(operation);
        }
        catch (Exception e)
        {
            throw ImportFailed(e);
        }
    }

    private readonly void Block(Task task)
    {
        if (!task.IsCompleted) HostInterfaces.HostWaits.WaitForAsync(Instance.Watch, task).AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Calls the export with <paramref name="flat"/> as arguments; the results replace them.</summary>
    /// <exception cref="WippyException">Trap when the guest trapped, Internal for another engine error.</exception>
    public void Invoke(Span<ValueRaw> flat)
    {
        var instance = Instance;
        if (instance.Fibers is { } fibers) InvokeOnFiber(instance, fibers, flat); // its imports may wait: polled, blocking between polls
        else CallGuest(in instance.Export, flat, "the call");
    }

    /// <summary>
    /// Whether the guest runs on a fiber (a planned component whose imports may wait): then <see cref="InvokeAsync"/>
    /// frees the caller's thread while the guest waits.
    /// </summary>
    public readonly bool RunsOnFiber => _instance?.Fibers is not null;

    /// <summary>
    /// Like <see cref="Invoke"/>, for a guest that <see cref="RunsOnFiber"/>: while it waits for an import no thread is
    /// held, and it resumes on the thread that completed what it waited for. An array, as it lives across awaits.
    /// </summary>
    /// <exception cref="WippyException">As for <see cref="Invoke"/>.</exception>
    public ValueTask InvokeAsync(ValueRaw[] flat)
    {
        var instance = Instance;
        if (instance.Fibers is not { } fibers)
        {
            Invoke(flat);
            return default;
        }
        _memoryStale = true; // set before the await, on the caller's copy
        return CoreFiberCall.CallAsync(instance, fibers, flat, EntryId);
    }

    private void InvokeOnFiber(CoreInstance instance, CoreFibers fibers, Span<ValueRaw> flat)
    {
        _memoryStale = true;
        try
        {
            CoreFiberCall.Call(instance, fibers, flat);
        }
        catch (WasmtimeException e)
        {
            throw CallFailed(instance, EntryId, e, "the call");
        }
    }

    /// <summary>Calls <c>cabi_post_&lt;export&gt;</c>, if the module has it, with the core results: the guest may free them now.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void PostReturn(ReadOnlySpan<ValueRaw> results)
    {
        if (Instance.HasPostReturn) CallPostReturn(results); // most modules have none: a test, inlined into the call
    }

    private void CallPostReturn(ReadOnlySpan<ValueRaw> results)
    {
        Span<ValueRaw> args = stackalloc ValueRaw[Math.Max(1, results.Length)];
        results.CopyTo(args);
        CallNested(in Instance.PostReturn, args, "cabi_post");
    }

    /// <summary>Marks the call as completed: <see cref="End"/> then keeps the instance warm for the next call.</summary>
    public void Complete() => _completed = true;

    /// <summary>Records why the call failed (for metrics); <see cref="End"/> then drops the instance.</summary>
    public void Failed(ErrorKind kind) => _failure = kind;

    /// <summary>Gives the instance back: to the warm pool after a completed call, to disposal after anything else.</summary>
    public void End()
    {
        if (_instance is { } instance)
        {
            _instance = null;
            var failure = CallCancellation.FailureKind(instance.Watch, _completed, _failure);
            _execution.Return(instance, _completed, failure);
            _execution.Observer.Called(_completed, failure, _started);
        }
    }

    // ---- allocation -------------------------------------------------------------------------------------

    /// <summary>Allocates <paramref name="size"/> bytes aligned to <paramref name="align"/> with <c>cabi_realloc(0, 0, align, size)</c>.</summary>
    public uint Alloc(int align, long size, string what)
    {
        if (size > uint.MaxValue) throw Invalid($"{what}: {size} bytes do not fit in a 32-bit memory");
        var instance = Instance;
        if (!instance.HasRealloc)
        {
            throw new WippyException(ErrorKind.Internal, EntryId, $"{what}: the module exports no cabi_realloc, which the signature needs");
        }
        Span<ValueRaw> args = stackalloc ValueRaw[4];
        args[0].I32 = 0;
        args[1].I32 = 0;
        args[2].I32 = align;
        args[3].I32 = (int)(uint)size;
        CallNested(in instance.Realloc, args, "cabi_realloc");
        EnsureMemory();
        var ptr = (uint)args[0].I32;
        if (ptr % (uint)align != 0 || ptr + (ulong)size > _memorySize)
        {
            throw Invalid($"{what}: cabi_realloc returned 0x{ptr:x} for {size} bytes aligned to {align}, which is misaligned or outside memory ({_memorySize} bytes)");
        }
        return ptr;
    }

    /// <summary>Allocates room for <paramref name="count"/> elements of <paramref name="elementSize"/> bytes.</summary>
    public uint AllocList(int count, int elementSize, int align, string what) =>
        count == 0 ? (uint)align : Alloc(align, (long)count * elementSize, what);

    // ---- strings and lists -----------------------------------------------------------------------------

    /// <summary>Encodes <paramref name="value"/> as UTF-8 straight into guest memory.</summary>
    public void LowerString(string? value, string what, out uint ptr, out uint length)
    {
        if (value is null) throw Invalid($"{what}: expected a string, got null");
        int byteCount;
        try
        {
            byteCount = StrictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw Invalid($"{what}: the string holds an unpaired surrogate, which is not valid Unicode");
        }
        ptr = byteCount == 0 ? 1u : Alloc(1, byteCount, what);
        length = (uint)byteCount;
        if (byteCount > 0) StrictUtf8.GetBytes(value, new Span<byte>(_memory + ptr, byteCount)); // Alloc checked the range
    }

    /// <summary>Decodes a string the guest returned, checking its bounds and its UTF-8.</summary>
    public string LiftString(uint ptr, uint length, string what)
    {
        CheckRange(ptr, length, what);
        try
        {
            return StrictUtf8.GetString(_memory + ptr, (int)length);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid($"{what}: the string at 0x{ptr:x} is not valid UTF-8");
        }
    }

    /// <summary>Copies bytes into guest memory (a <c>list&lt;u8&gt;</c>).</summary>
    public (uint Ptr, uint Count) LowerBytes(ReadOnlySpan<byte> value, string what)
    {
        var ptr = AllocList(value.Length, 1, 1, what);
        if (value.Length > 0) value.CopyTo(new Span<byte>(_memory + ptr, value.Length)); // Alloc checked the range
        return (ptr, (uint)value.Length);
    }

    /// <summary>Copies a <c>list&lt;u8&gt;</c> out of guest memory.</summary>
    public byte[] LiftBytes(uint ptr, uint count, string what) => BytesAt(ptr, count, what).ToArray();

    /// <summary>Copies a list of numbers into guest memory in one block (little-endian, as the ABI lays them out).</summary>
    public (uint Ptr, uint Count) LowerScalars<T>(IReadOnlyList<T> value, string what) where T : unmanaged
    {
        if (value is null) throw Invalid($"{what}: expected a list, got null");
        var size = sizeof(T);
        var ptr = AllocList(value.Count, size, size, what);
        var target = new Span<T>(_memory + ptr, value.Count); // Alloc checked the range
        if (value is T[] array) array.CopyTo(target);
        else if (value is List<T> list) CollectionsMarshal.AsSpan(list).CopyTo(target);
        else for (var i = 0; i < value.Count; i++) target[i] = value[i];
        return (ptr, (uint)value.Count);
    }

    /// <summary>Copies a list of numbers out of guest memory after checking alignment and bounds.</summary>
    public T[] LiftScalars<T>(uint ptr, uint count, string what) where T : unmanaged
    {
        var size = sizeof(T);
        CheckList(ptr, count, size, size, what);
        return new ReadOnlySpan<T>(_memory + ptr, (int)count).ToArray();
    }

    /// <summary>Checks that a list of <paramref name="count"/> elements at <paramref name="ptr"/> is aligned and inside memory.</summary>
    public void CheckList(uint ptr, uint count, int elementSize, int align, string what)
    {
        EnsureMemory();
        if (ptr % (uint)align != 0) throw Invalid($"{what}: the list pointer 0x{ptr:x} is not aligned to {align}");
        var bytes = (ulong)count * (ulong)elementSize;
        if (ptr + bytes > _memorySize || bytes > int.MaxValue)
        {
            throw Invalid($"{what}: the list at 0x{ptr:x} with {count} elements of {elementSize} bytes ends outside memory ({_memorySize} bytes)");
        }
    }

    /// <summary>Checks a region the guest points to (a return area): aligned and inside memory.</summary>
    public void CheckRegion(uint ptr, int size, int align, string what)
    {
        EnsureMemory();
        if (ptr % (uint)align != 0) throw Invalid($"{what}: the pointer 0x{ptr:x} is not aligned to {align}");
        if (ptr + (ulong)size > _memorySize) throw Invalid($"{what}: {size} bytes at 0x{ptr:x} are outside memory ({_memorySize} bytes)");
    }

    // ---- scalar values ---------------------------------------------------------------------------------

    /// <summary>A <c>char</c> the guest returned: a Unicode scalar value (below 0x110000, not a surrogate).</summary>
    public readonly System.Text.Rune LiftChar(uint value, string what) =>
        System.Text.Rune.IsValid(value) ? new System.Text.Rune(value) : throw Invalid($"{what}: 0x{value:x} is not a Unicode scalar value");

    /// <summary>The error for a variant discriminant that names no case.</summary>
    public readonly WippyException BadDiscriminant(uint value, int caseCount, string what) =>
        Invalid($"{what}: the discriminant {value} names no case (the type has {caseCount})");

    /// <summary>An Invalid error naming the entry.</summary>
    public readonly WippyException Invalid(string message) => new(ErrorKind.Invalid, EntryId, message);

    /// <summary>Writes one byte at a pointer the host allocated.</summary>
    public void StoreU8(uint ptr, byte value) => Span(ptr, 1)[0] = value;

    /// <summary>Writes a little-endian u16.</summary>
    public void StoreU16(uint ptr, ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Span(ptr, 2), value);

    /// <summary>Writes a little-endian u32.</summary>
    public void StoreU32(uint ptr, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Span(ptr, 4), value);

    /// <summary>Writes a little-endian u64.</summary>
    public void StoreU64(uint ptr, ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Span(ptr, 8), value);

    /// <summary>Writes a little-endian f32.</summary>
    public void StoreF32(uint ptr, float value) => BinaryPrimitives.WriteSingleLittleEndian(Span(ptr, 4), value);

    /// <summary>Writes a little-endian f64.</summary>
    public void StoreF64(uint ptr, double value) => BinaryPrimitives.WriteDoubleLittleEndian(Span(ptr, 8), value);

    /// <summary>Reads one byte, bounds-checked.</summary>
    public byte LoadU8(uint ptr) => Span(ptr, 1)[0];

    /// <summary>Reads a little-endian u16, bounds-checked.</summary>
    public ushort LoadU16(uint ptr) => BinaryPrimitives.ReadUInt16LittleEndian(Span(ptr, 2));

    /// <summary>Reads a little-endian u32, bounds-checked.</summary>
    public uint LoadU32(uint ptr) => BinaryPrimitives.ReadUInt32LittleEndian(Span(ptr, 4));

    /// <summary>Reads a little-endian u64, bounds-checked.</summary>
    public ulong LoadU64(uint ptr) => BinaryPrimitives.ReadUInt64LittleEndian(Span(ptr, 8));

    /// <summary>Reads a little-endian f32, bounds-checked.</summary>
    public float LoadF32(uint ptr) => BinaryPrimitives.ReadSingleLittleEndian(Span(ptr, 4));

    /// <summary>Reads a little-endian f64, bounds-checked.</summary>
    public double LoadF64(uint ptr) => BinaryPrimitives.ReadDoubleLittleEndian(Span(ptr, 8));

    /// <summary>The <paramref name="count"/> bytes at <paramref name="ptr"/>, checked to be in memory; valid until guest code runs again.</summary>
    internal ReadOnlySpan<byte> BytesAt(uint ptr, uint count, string what)
    {
        CheckRange(ptr, count, what);
        return new ReadOnlySpan<byte>(_memory + ptr, (int)count);
    }

    /// <summary>Copies <paramref name="bytes"/> to <paramref name="ptr"/>, a region the host allocated (checked again).</summary>
    internal void CopyInto(uint ptr, ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 0) bytes.CopyTo(Span(ptr, bytes.Length));
    }

    /// <summary>The host state of the store an import's frame runs in (a planned component served by the host's own WASI), or null.</summary>
    internal readonly HostInterfaces.HostState? Host => Instance.Host;

    // ---- internals -------------------------------------------------------------------------------------

    private readonly CoreInstance Instance =>
        _instance ?? throw new InvalidOperationException("This CoreCall has ended; get a new one from WasmFunctionHandle.Begin().");

    private Span<byte> Span(uint ptr, int size)
    {
        EnsureMemory();
        if (ptr + (ulong)size > _memorySize) throw Invalid($"0x{ptr:x} (+{size} bytes) is outside memory ({_memorySize} bytes)");
        return new Span<byte>(_memory + ptr, size);
    }

    private void CheckRange(uint ptr, uint length, string what)
    {
        EnsureMemory();
        if (ptr + (ulong)length > _memorySize || length > int.MaxValue)
        {
            throw Invalid($"{what}: {length} bytes at 0x{ptr:x} are outside memory ({_memorySize} bytes)");
        }
    }

    /// <summary>
    /// A call the host makes besides the export's (<c>cabi_realloc</c>, the post-return): on a fiber's store it is
    /// counted, so that an import the guest calls from there blocks instead of suspending (see <see cref="CoreFiberPlan"/>).
    /// </summary>
    private void CallNested(in WasmFunction function, Span<ValueRaw> args, string what)
    {
        if (Instance.Fibers is not { } fibers)
        {
            CallGuest(in function, args, what);
            return;
        }
        fibers.SyncCalls++;
        try
        {
            CallGuest(in function, args, what);
        }
        finally
        {
            fibers.SyncCalls--;
        }
    }

    private void CallGuest(in WasmFunction function, Span<ValueRaw> args, string what)
    {
        // No try here: the JIT inlines the native call only outside a try region (see CallReturningFailure).
        var failure = function.CallReturningFailure(args);
        _memoryStale = true; // guest code ran: memory may have grown or moved
        if (failure is not null) throw CallFailed(failure, what);
    }

    /// <summary>The error naming the entry (or the caller's cancellation) for a guest call that failed with <paramref name="e"/>.</summary>
    private readonly Exception CallFailed(WasmtimeException e, string what) => CallFailed(Instance, EntryId, e, what);

    /// <summary>The error a failed guest call of <paramref name="instance"/> gives its caller (see the instance method).</summary>
    internal static Exception CallFailed(CoreInstance instance, string entryId, WasmtimeException e, string what)
    {
        // A host function (a WASI function the entry does not grant…) failed the call with its own error; one about
        // another entry (an import that called it) keeps that entry's name, as through the component model. Taken
        // whatever the failure, so that it cannot be mistaken for a later one's.
        if (HostCallFailure.Take() is WippyException inner)
        {
            return new WippyException(inner.Kind, entryId, inner.EntryId == entryId ? inner.Detail : inner.Message, e) { ExitCode = inner.ExitCode };
        }
        if (e is WasmTrapException trap)
        {
            return new WippyException(ErrorKind.Trap, entryId, $"{(what == "the call" ? "" : what + ": ")}{TrapReason(trap)}", trap);
        }
        if (instance.Watch is { Reason: not WasmInterruptReason.None } watch)
        {
            return Interrupted(entryId, watch, e);
        }
        if (e.ExitStatus is { } status) return Exited(entryId, status, e);
        return new WippyException(ErrorKind.Internal, entryId, $"{what} failed: {e.Message}", e);
    }

    /// <summary>
    /// The error of a call its interrupt watch stopped: Timeout for its time limit or an ambient cancellation (a Lua
    /// executor's timeout, the calling call's), Unavailable when the runtime stopped under it, and an
    /// <see cref="OperationCanceledException"/> (with that Timeout error inside) when the token the caller passed
    /// was cancelled.
    /// </summary>
    internal static Exception Interrupted(string entryId, WasmInterruptWatch watch, Exception inner)
    {
        var error = watch.Reason switch
        {
            WasmInterruptReason.Cancelled => new WippyException(ErrorKind.Timeout, entryId, "the call was cancelled by its caller while it ran", inner),
            WasmInterruptReason.Stopped => new WippyException(ErrorKind.Unavailable, entryId, "the runtime stopped while the call ran", inner),
            _ => new WippyException(ErrorKind.Timeout, entryId, $"the call ran longer than its limit of {watch.Limit?.TotalMilliseconds:0} ms (limits.max_execution_ms) and was stopped", inner),
        };
        return watch is { Reason: WasmInterruptReason.Cancelled, CallersOwnToken: true } ? CallCancellation.CallerCancelled(error, watch.Token) : error;
    }

    /// <summary>
    /// The Trap error of a call whose guest exited through WASI (<c>proc_exit</c>, <c>wasi:cli/exit</c>) before its
    /// function returned: a function entry has no run to end. The same text whichever WASI served the guest.
    /// </summary>
    internal static WippyException Exited(string entryId, int status, Exception? inner = null) =>
        new(ErrorKind.Trap, entryId, $"the guest exited with status {status} (wasi:cli/exit) before its function returned", inner) { ExitCode = status };

    /// <summary>The "wasm trap: …" line of Wasmtime's message, which otherwise starts with a backtrace.</summary>
    internal static string TrapReason(WasmTrapException e)
    {
        foreach (var line in e.Message.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("wasm trap:", StringComparison.Ordinal)) return trimmed;
        }
        return "wasm trap: " + e.Message.Split('\n')[0].Trim();
    }

    /// <summary>Reads the memory's base and size again if guest code ran since they were last read.</summary>
    private void EnsureMemory()
    {
        if (!_memoryStale) return;
        _memoryStale = false;
        var instance = Instance;
        if (!instance.HasMemory) return;
        // Wasmtime moves a linear memory only when it grows: while the size is the one read before, so is the base,
        // and one native call instead of two serves each of the many cabi_realloc calls a list of strings makes.
        var size = instance.Memory.DataSize;
        if (size == _memorySize && _memory != null) return;
        _memory = instance.Memory.Data;
        _memorySize = size;
    }
}
