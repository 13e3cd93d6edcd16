using System.Runtime.InteropServices;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// A Wasmtime store (<c>wasmtime_store_t</c>): owns instances, their memories and functions, fuel and the
/// epoch deadline. A store is not thread-safe: use it from one thread at a time. Everything obtained from it
/// (<see cref="WasmInstance"/>, <see cref="WasmFunction"/>, <see cref="WasmMemory"/>) is valid only while it
/// lives; after <see cref="Dispose"/> they throw <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class WasmStore : IDisposable
{
    private readonly WasmtimeStoreHandle _handle;
    private nint _context;

    /// <summary>Creates an empty store.</summary>
    /// <param name="engine">The engine whose modules this store instantiates.</param>
    public WasmStore(WasmEngine engine)
        : this(engine, null)
    {
    }

    /// <summary>Creates an empty store that carries <paramref name="hostState"/> for the host functions called in it.</summary>
    /// <param name="engine">The engine whose modules this store instantiates.</param>
    /// <param name="hostState">
    /// What host functions find with <see cref="HostStateOf"/>; disposed with the store when it is <see cref="IDisposable"/>.
    /// </param>
    public unsafe WasmStore(WasmEngine engine, object? hostState)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        if (!engine.TryReserveStore())
        {
            throw new WasmStoreLimitException(engine.MaxLiveStores);
        }

        // The store keeps a GC handle to the state as its data; Wasmtime's finalizer frees it when the store is
        // deleted (also when creating the store fails), so a host function can never reach a collected object.
        nint data = hostState is null ? 0 : GCHandle.ToIntPtr(GCHandle.Alloc(hostState));
        _handle = WasmtimeApi.wasmtime_store_new(engine.Handle, data, data == 0 ? null : &FreeHostState);
        if (_handle.IsInvalid)
        {
            engine.StoreDisposed();
            throw new WasmtimeException("wasmtime_store_new returned null.");
        }

        _context = WasmtimeApi.wasmtime_store_context(_handle);
    }

    private int _disposed;

    /// <summary>
    /// The host state of the store whose context a host function was called with (null when it has none). Host
    /// functions get the raw <c>wasmtime_context_t*</c>; this is how they find their store's state again.
    /// </summary>
    /// <param name="context">The <c>wasmtime_context_t*</c> passed to a host callback.</param>
    public static object? HostStateOf(nint context)
    {
        nint data = WasmtimeApi.wasmtime_context_get_data(context);
        return data == 0 ? null : GCHandle.FromIntPtr(data).Target;
    }

    /// <summary>The engine this store belongs to.</summary>
    public WasmEngine Engine { get; }

    /// <summary>
    /// The fuel left (<see cref="WasmEngineOptions.ConsumeFuel"/> must be on). A new store has none. Setting it
    /// replaces the amount; a guest that uses it up traps with <see cref="WasmTrapCode.OutOfFuel"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The engine does not consume fuel.</exception>
    public unsafe ulong Fuel
    {
        get
        {
            nint context = RequireFuel();
            ulong fuel;
            NativeErrors.ThrowIfError(WasmtimeApi.wasmtime_context_get_fuel(context, &fuel));
            return fuel;
        }

        set => NativeErrors.ThrowIfError(WasmtimeApi.wasmtime_context_set_fuel(RequireFuel(), value));
    }

    /// <summary>
    /// The store's <c>wasmtime_context_t*</c>, valid while the store lives. Throws
    /// <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.
    /// </summary>
    internal nint Context
    {
        get
        {
            nint context = _context;
            if (context == 0)
            {
                ThrowDisposed();
            }

            return context;
        }
    }

    /// <summary>
    /// Sets the epoch deadline to <paramref name="ticks"/> increments of <see cref="WasmEngine.IncrementEpoch"/>
    /// from now; reaching it traps the running guest with <see cref="WasmTrapCode.Interrupt"/>. Needs
    /// <see cref="WasmEngineOptions.EpochInterruption"/> (otherwise it has no effect).
    /// </summary>
    /// <param name="ticks">Epoch increments from the current epoch.</param>
    public void SetEpochDeadline(ulong ticks) => WasmtimeApi.wasmtime_context_set_epoch_deadline(Context, ticks);

    /// <summary>
    /// Caps what the store may hold (Wasmtime's store limiter): each linear memory at <paramref name="memoryBytes"/>
    /// (<c>memory.grow</c> beyond it returns -1; instantiating a module whose initial memory is larger fails), each
    /// table at <paramref name="tableElements"/>, and the number of instances, tables and memories it may create.
    /// </summary>
    public void Limit(long memoryBytes, long tableElements, long instances, long tables, long memories)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(memoryBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(tableElements);
        ArgumentOutOfRangeException.ThrowIfNegative(instances);
        ArgumentOutOfRangeException.ThrowIfNegative(tables);
        ArgumentOutOfRangeException.ThrowIfNegative(memories);
        WasmtimeApi.wasmtime_store_limiter(NativeHandle, memoryBytes, tableElements, instances, tables, memories);
    }

    /// <summary>
    /// Gives the store its WASI state (taking <paramref name="config"/>, even on failure). Must happen before any guest
    /// code that can call WASI runs: Wasmtime aborts the process when a WASI function finds no state.
    /// </summary>
    internal void SetWasi(WasmWasiConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        NativeErrors.ThrowIfError(WasmtimeApi.wasmtime_context_set_wasi(Context, config.Release()));
    }

    /// <summary>Sets up wasi:http's state, after <see cref="SetWasi"/>.</summary>
    internal void SetWasiHttp() => WasmtimeApi.wasmtime_context_set_wasi_http(Context);

    /// <summary>The native store (for callbacks and limits).</summary>
    internal WasmtimeStoreHandle NativeHandle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>Deletes the store and everything in it.</summary>
    public void Dispose()
    {
        _context = 0;
        _handle.Dispose();
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Engine.StoreDisposed();
    }

    private nint RequireFuel()
    {
        nint context = Context;
        if (!Engine.Options.ConsumeFuel)
        {
            throw new InvalidOperationException("Fuel is not enabled: create the engine with WasmEngineOptions.ConsumeFuel = true.");
        }

        return context;
    }

    [UnmanagedCallersOnly]
    private static void FreeHostState(nint data)
    {
        var handle = GCHandle.FromIntPtr(data);
        var state = handle.Target;
        handle.Free();
        try
        {
            (state as IDisposable)?.Dispose();
        }
        catch
        {
            // A finalizer of Wasmtime's must not unwind into Rust; the state's own Dispose reports what it must.
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void ThrowDisposed() => throw new ObjectDisposedException(nameof(WasmStore));
}

/// <summary>A store was refused: its engine has <see cref="WasmEngine.MaxLiveStores"/> alive already.</summary>
internal sealed class WasmStoreLimitException(int limit)
    : WasmtimeException($"{limit} instances are alive at once, the most this process may have (each takes up to 5 of the memory mappings Linux allows a process, vm.max_map_count); the instance was not made, so the process keeps running")
{
    /// <summary>The limit that was reached.</summary>
    public int Limit { get; } = limit;
}
