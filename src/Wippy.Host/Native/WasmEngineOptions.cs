namespace Wippy.Host.Native;

/// <summary>
/// Settings fixed when a <see cref="WasmEngine"/> is created (Wasmtime's <c>wasm_config_t</c>). Anything not
/// set keeps Wasmtime's default. New settings (pooling allocator, code cache…) are added here as properties.
/// </summary>
internal sealed class WasmEngineOptions
{
    /// <summary>The largest value Wasmtime accepts for <see cref="MaxWasmStack"/> without a larger async stack (2 MiB).</summary>
    public const ulong MaxWasmStackLimit = 2UL << 20;

    /// <summary>
    /// Compile epoch checks into guest code so a store can be interrupted with
    /// <see cref="WasmStore.SetEpochDeadline"/> and <see cref="WasmEngine.IncrementEpoch"/> (a trap with code
    /// <see cref="WasmTrapCode.Interrupt"/>). When on, every store must set a deadline before calling into
    /// the guest: a new store's deadline is already reached.
    /// </summary>
    public bool EpochInterruption { get; init; }

    /// <summary>
    /// Count fuel as guest code runs; a store that runs out traps with <see cref="WasmTrapCode.OutOfFuel"/>.
    /// A new store has no fuel: set <see cref="WasmStore.Fuel"/> before calling into the guest.
    /// </summary>
    public bool ConsumeFuel { get; init; }

    /// <summary>
    /// The most native stack, in bytes, guest code may use before trapping with
    /// <see cref="WasmTrapCode.StackOverflow"/>; null keeps Wasmtime's default (512 KiB). Must be between 1 and
    /// <see cref="MaxWasmStackLimit"/>: Wasmtime rejects other values, and it does so by aborting the process,
    /// so <see cref="WasmEngine"/> checks the range first.
    /// </summary>
    public ulong? MaxWasmStack { get; init; }

    /// <summary>
    /// Allocate instances, memories and tables from pools reserved when the engine is created (faster
    /// instantiation), sized by these settings; null allocates on demand. Wasmtime aborts the process when it cannot
    /// reserve the pools, so check first with <see cref="WasmPoolingAllocator.CanReserve"/>.
    /// </summary>
    public WasmPoolingAllocator? PoolingAllocator { get; init; }

    /// <summary>
    /// Let Wasmtime map the stacks of async calls (fibers) itself instead of taking them from <see cref="FiberStacks"/>.
    /// Unsound as soon as a C# host function runs on a fiber (a collection there can corrupt the heap): only for the
    /// soundness program, to show the failure.
    /// </summary>
    public bool WasmtimeFiberStacks { get; init; }

    /// <summary>
    /// The most stores of this engine alive at once; a store beyond it is refused (<see cref="WasmStoreLimitException"/>)
    /// instead of created. Null: seven eighths of Linux's <c>vm.max_map_count</c> divided by 5 (11,467 by default). Each
    /// store of an instance takes up to 5 of the process's memory mappings (its memory's reservation, read-write part and
    /// image page, a fiber stack and its guard), and the .NET runtime needs the rest;
    /// past the kernel's limit Wasmtime fails an <c>munmap</c> and aborts the whole process (measured: 100,000 sleeping
    /// calls at once did), so the limit keeps that from ever happening.
    /// </summary>
    public int? MaxLiveStores { get; init; }
}
