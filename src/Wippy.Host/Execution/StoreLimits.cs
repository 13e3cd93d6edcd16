using Wippy.Host.Native;

namespace Wippy.Host.Execution;

/// <summary>
/// What one store (one instance of an entry) may hold, applied to every store before any guest code runs, so that no
/// guest can take the process's memory: the size of each linear memory (<c>limits.max_memory_bytes</c>, or
/// <see cref="DefaultMaxMemoryBytes"/>), the elements of each table, and how many memories, tables and core
/// instances the store may create. Growing past a cap fails the way WebAssembly says (<c>memory.grow</c> and
/// <c>table.grow</c> return -1); creating past a count fails the instantiation.
/// </summary>
/// <remarks>
/// The defaults follow Spin's pooling settings, the most used host of this shape (32 memories, 20 tables and 200
/// core instances per component, 100,000 table elements), except the memory size: Spin and Wasmtime's pooling
/// allocator allow 4 GiB per memory, which lets one guest without limits touch 4 GiB (and a 64-bit memory far
/// more); ours is 256 MiB, four times what an instance may keep between calls by default
/// (<see cref="CoreModuleExecution.DefaultMaxRetainedMemoryBytes"/>). A store can therefore hold at most
/// <c>MaxMemories × max_memory_bytes</c> of linear memory plus <c>MaxTables × MaxTableElements</c> table slots.
/// </remarks>
internal static class StoreLimits
{
    /// <summary>The size a linear memory may grow to when the entry sets no <c>limits.max_memory_bytes</c>: 256 MiB.</summary>
    public const long DefaultMaxMemoryBytes = 256L * 1024 * 1024;

    /// <summary>The elements one table may hold (Spin's default): 100,000.</summary>
    public const long MaxTableElements = 100_000;

    /// <summary>Linear memories per store (Spin's per-component default): 32.</summary>
    public const long MaxMemories = 32;

    /// <summary>Tables per store (Spin's per-component default): 20.</summary>
    public const long MaxTables = 20;

    /// <summary>Core instances per store (Spin's per-component default): 200.</summary>
    public const long MaxInstances = 200;

    /// <summary>The memory cap of an entry: its <c>limits.max_memory_bytes</c>, or the default.</summary>
    public static long MemoryBytes(Registry.LimitSettings limits) => limits.MaxMemoryBytes ?? DefaultMaxMemoryBytes;

    /// <summary>Applies the caps to <paramref name="store"/>.</summary>
    public static void Apply(WasmStore store, Registry.LimitSettings limits) =>
        store.Limit(MemoryBytes(limits), MaxTableElements, MaxInstances, MaxTables, MaxMemories);
}
