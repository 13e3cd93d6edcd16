using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// A Wasmtime engine (<c>wasm_engine_t</c>): compiles modules and owns the epoch counter. Thread-safe; create
/// one per process (or per configuration) and share it. Modules and stores keep the native engine alive on
/// their own, so disposing this object only gives up this reference to it.
/// </summary>
internal sealed class WasmEngine : IDisposable
{
    private readonly WasmtimeEngineHandle _handle;

    /// <summary>Creates an engine.</summary>
    /// <param name="options">Settings; null for Wasmtime's defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of the range Wasmtime accepts.</exception>
    public WasmEngine(WasmEngineOptions? options = null)
    {
        Options = options ?? new WasmEngineOptions();
        if (Options.MaxWasmStack is { } stack && (stack == 0 || stack > WasmEngineOptions.MaxWasmStackLimit))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                stack,
                $"MaxWasmStack must be between 1 and {WasmEngineOptions.MaxWasmStackLimit} bytes.");
        }

        nint config = WasmtimeApi.wasm_config_new();
        if (config == 0)
        {
            throw new OutOfMemoryException("wasm_config_new returned null.");
        }

        WasmtimeApi.wasmtime_config_epoch_interruption_set(config, Options.EpochInterruption);
        WasmtimeApi.wasmtime_config_consume_fuel_set(config, Options.ConsumeFuel);
        if (Options.MaxWasmStack is { } maxStack)
        {
            WasmtimeApi.wasmtime_config_max_wasm_stack_set(config, (nuint)maxStack);
        }

        if (!Options.WasmtimeFiberStacks)
        {
            FiberStacks.Install(config);
        }

        if (Options.PoolingAllocator is { } pooling)
        {
            nint pool = WasmtimeApi.wasmtime_pooling_allocation_config_new();
            WasmtimeApi.wasmtime_pooling_allocation_config_total_memories_set(pool, pooling.TotalMemories);
            WasmtimeApi.wasmtime_pooling_allocation_config_total_tables_set(pool, pooling.TotalTables);
            WasmtimeApi.wasmtime_pooling_allocation_config_total_core_instances_set(pool, pooling.TotalCoreInstances);
            WasmtimeApi.wasmtime_pooling_allocation_config_total_component_instances_set(pool, pooling.TotalComponentInstances);
            WasmtimeApi.wasmtime_pooling_allocation_config_max_memory_size_set(pool, (nuint)pooling.MaxMemoryBytes);
            WasmtimeApi.wasmtime_pooling_allocation_config_linear_memory_keep_resident_set(pool, (nuint)pooling.MemoryKeepResidentBytes);
            WasmtimeApi.wasmtime_pooling_allocation_config_table_keep_resident_set(pool, (nuint)pooling.TableKeepResidentBytes);
            WasmtimeApi.wasmtime_pooling_allocation_strategy_set(config, pool);
            WasmtimeApi.wasmtime_pooling_allocation_config_delete(pool);
        }

        // Takes ownership of config, whatever happens.
        _handle = WasmtimeApi.wasm_engine_new_with_config(config);
        if (_handle.IsInvalid)
        {
            throw new WasmtimeException("wasm_engine_new_with_config returned null.");
        }
    }

    /// <summary>The settings this engine was created with.</summary>
    public WasmEngineOptions Options { get; }

    /// <summary>The native engine; throws <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.</summary>
    internal WasmtimeEngineHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>
    /// Advances the epoch by one tick. Stores whose deadline this reaches trap with
    /// <see cref="WasmTrapCode.Interrupt"/> at the guest's next epoch check. Safe to call from any thread
    /// (typically one ticker per engine); needs <see cref="WasmEngineOptions.EpochInterruption"/>.
    /// </summary>
    public void IncrementEpoch() => WasmtimeApi.wasmtime_engine_increment_epoch(Handle);

    private readonly CancellationTokenSource _stopping = new();
    private int _liveStores;

    /// <summary>
    /// Cancelled by <see cref="Stop"/>: every store of this engine with an interrupt watch stops its running wasm at
    /// the next epoch tick, and host functions that wait stop waiting (<see cref="WasmInterruptWatch"/>).
    /// </summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Stops the guests running in this engine's stores (their calls fail); new stores are stopped as soon as they run.</summary>
    public void Stop() => _stopping.Cancel();

    /// <summary>How many stores of this engine have been created and not yet disposed (the epoch must tick while any lives).</summary>
    public int LiveStores => Volatile.Read(ref _liveStores);

    /// <summary>The most stores alive at once (<see cref="WasmEngineOptions.MaxLiveStores"/>, or its default).</summary>
    public int MaxLiveStores => _maxLiveStores ??= Options.MaxLiveStores ?? DefaultMaxLiveStores();

    private int? _maxLiveStores;

    /// <summary>Counts a store about to be created; false (and nothing counted) when <see cref="MaxLiveStores"/> are alive.</summary>
    internal bool TryReserveStore()
    {
        if (Interlocked.Increment(ref _liveStores) <= MaxLiveStores) return true;
        Interlocked.Decrement(ref _liveStores);
        return false;
    }

    /// <summary>
    /// The mappings one live store may take: a linear memory's reservation, its read-write part and its copy-on-write
    /// image page, and for a guest on a fiber its stack and guard (5, measured with 10,000 idle processes).
    /// </summary>
    private const int MappingsPerStore = 5;

    /// <summary>
    /// The stores that fit in the kernel's limit on a process's memory mappings once an eighth of it is left to the
    /// rest of the process (the .NET runtime maps memory too: at 5 mappings per store and no room left, 13,000
    /// processes took it down when it could not map the memory it needed); unlimited where the limit cannot be read.
    /// </summary>
    private static int DefaultMaxLiveStores()
    {
        try
        {
            return OperatingSystem.IsLinux() && int.TryParse(File.ReadAllText("/proc/sys/vm/max_map_count").Trim(), out var maps) && maps > 0
                ? Math.Max(1, (maps - maps / 8) / MappingsPerStore)
                : int.MaxValue;
        }
        catch (IOException)
        {
            return int.MaxValue;
        }
        catch (UnauthorizedAccessException)
        {
            return int.MaxValue;
        }
    }

    internal void StoreDisposed() => Interlocked.Decrement(ref _liveStores);

    /// <summary>Releases this reference to the native engine.</summary>
    public void Dispose() => _handle.Dispose();
}
