using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasm.h (wasm_config_*, wasm_engine_*), wasmtime/config.h, wasmtime/async.h, wasmtime/engine.h.
internal static unsafe partial class WasmtimeApi
{
    [LibraryImport(Library)]
    public static partial nint wasm_config_new();

    [LibraryImport(Library)]
    public static partial void wasm_config_delete(nint config);

    [LibraryImport(Library)]
    public static partial void wasmtime_config_epoch_interruption_set(nint config, [MarshalAs(UnmanagedType.U1)] bool enable);

    [LibraryImport(Library)]
    public static partial void wasmtime_config_consume_fuel_set(nint config, [MarshalAs(UnmanagedType.U1)] bool enable);

    [LibraryImport(Library)]
    public static partial void wasmtime_config_max_wasm_stack_set(nint config, nuint size);

    [LibraryImport(Library)]
    public static partial nint wasmtime_pooling_allocation_config_new();

    [LibraryImport(Library)]
    public static partial void wasmtime_pooling_allocation_config_delete(nint config);

    [LibraryImport(Library)]
    public static partial void wasmtime_pooling_allocation_config_total_memories_set(nint config, uint value);

    [LibraryImport(Library)]
    public static partial void wasmtime_pooling_allocation_config_total_tables_set(nint config, uint value);

    [LibraryImport(Library)]
    public static partial void wasmtime_pooling_allocation_config_total_core_instances_set(nint config, uint value);

    [LibraryImport(Library)]
    public static partial void wasmtime_pooling_allocation_config_total_component_instances_set(nint config, uint value);

    [LibraryImport(Library)]
    public static partial void wasmtime_pooling_allocation_config_max_memory_size_set(nint config, nuint value);

    /// <summary>Bytes of each linear memory slot kept resident (zeroed in place) when an instance is freed, rather than given back to the kernel.</summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_pooling_allocation_config_linear_memory_keep_resident_set(nint config, nuint size);

    /// <summary>Bytes of each table slot kept resident (zeroed in place) when an instance is freed.</summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_pooling_allocation_config_table_keep_resident_set(nint config, nuint size);

    /// <summary>Makes the engine allocate from pools (the config is copied; delete it afterwards).</summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_pooling_allocation_strategy_set(nint config, nint pooling);

    [LibraryImport(Library)]
    public static partial void wasmtime_config_async_stack_size_set(nint config, nuint size);

    /// <summary>Copies the <c>wasmtime_stack_creator_t</c> at <paramref name="creator"/>: fibers of the on-demand allocator get their stacks from it.</summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_config_host_stack_creator_set(nint config, void* creator);

    /// <summary>Takes ownership of <paramref name="config"/>. Aborts the process if Wasmtime rejects the configuration.</summary>
    [LibraryImport(Library)]
    public static partial WasmtimeEngineHandle wasm_engine_new_with_config(nint config);

    [LibraryImport(Library)]
    public static partial void wasm_engine_delete(nint engine);

    [LibraryImport(Library)]
    public static partial void wasmtime_engine_increment_epoch(WasmtimeEngineHandle engine);
}
