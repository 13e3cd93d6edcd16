namespace Wippy.Host.Native;

/// <summary>
/// Settings fixed when a <see cref="WasmEngine"/> is created (Wasmtime's <c>wasm_config_t</c>). Anything not
/// set keeps Wasmtime's default. New settings (pooling allocator, code cache…) are added here as properties.
/// </summary>
public sealed class WasmEngineOptions
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
}

/// <summary>The sizes of Wasmtime's pooling allocator (how many of each may be live at once in one engine).</summary>
public sealed record WasmPoolingAllocator
{
    /// <summary>Linear memories live at once (default 128).</summary>
    public uint TotalMemories { get; init; } = 128;

    /// <summary>Tables live at once (default 128).</summary>
    public uint TotalTables { get; init; } = 128;

    /// <summary>Core instances live at once (default 128).</summary>
    public uint TotalCoreInstances { get; init; } = 128;

    /// <summary>Component instances live at once (default 128).</summary>
    public uint TotalComponentInstances { get; init; } = 128;

    /// <summary>The largest a linear memory may grow, in bytes (default 64 MiB).</summary>
    public ulong MaxMemoryBytes { get; init; } = 64UL << 20;

    /// <summary>
    /// The address space the pools need, by the same arithmetic as Wasmtime (each memory slot: its maximum size plus
    /// a guard region, 2 GiB by default on 64-bit hosts), with some headroom.
    /// </summary>
    public ulong ReservationBytes => TotalMemories * (MaxMemoryBytes + (2UL << 30)) + (64UL << 20);

    /// <summary>
    /// Whether the process can reserve <see cref="ReservationBytes"/> of address space now (tried with an
    /// inaccessible anonymous mapping, then released). False on platforms without <c>mmap</c>.
    /// </summary>
    public bool CanReserve() => Interop.AddressSpace.CanReserve(ReservationBytes);
}
