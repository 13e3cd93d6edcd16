namespace Wippy.Host;

/// <summary>
/// The sizes of Wasmtime's pooling allocator (<see cref="WippyRuntimeOptions.PoolingAllocator"/>): how many of each may be
/// live at once in one runtime, and how large a linear memory may grow.
/// </summary>
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
    /// Bytes at the start of each linear memory slot that stay resident when an instance is freed: Wasmtime zeroes them
    /// in place (restoring the module's data) instead of handing the pages back to the kernel, so the next instance in
    /// that slot takes no page faults there. Costs a memset of this size per freed instance and this much resident
    /// memory per slot used. Default 1 MiB (Wasmtime's own default is 0: every page goes back); measured in
    /// docs/benchmarks.md, a fresh instance of a guest that touches a few hundred KiB costs a few microseconds more than
    /// a warm call with it, and tens of microseconds without it.
    /// </summary>
    public ulong MemoryKeepResidentBytes { get; init; } = 1UL << 20;

    /// <summary>Like <see cref="MemoryKeepResidentBytes"/>, for each table slot (default 64 KiB).</summary>
    public ulong TableKeepResidentBytes { get; init; } = 64UL << 10;

    /// <summary>
    /// The address space the pools need, by the same arithmetic as Wasmtime (each memory slot: its maximum size plus
    /// a guard region, 2 GiB by default on 64-bit hosts), with some headroom.
    /// </summary>
    public ulong ReservationBytes => TotalMemories * (MaxMemoryBytes + (2UL << 30)) + (64UL << 20);

    /// <summary>
    /// Whether the process can reserve <see cref="ReservationBytes"/> of address space now (tried with an
    /// inaccessible anonymous mapping, then released). False on platforms without <c>mmap</c>.
    /// </summary>
    public bool CanReserve() => Native.Interop.AddressSpace.CanReserve(ReservationBytes);
}
