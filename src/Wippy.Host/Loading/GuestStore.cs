using Wippy.Host.Native;
using Wippy.Host.Registry;

namespace Wippy.Host.Loading;

/// <summary>A new store for one instance of an entry, with the entry's limits applied before any guest code runs.</summary>
internal static class GuestStore
{
    /// <summary>
    /// The store, capped at <c>limits.max_memory_bytes</c> per linear memory, and its interrupt watch (when the engine
    /// has epoch interruption), armed with <c>limits.max_execution_ms</c> for the instantiation that follows.
    /// </summary>
    public static (WasmStore Store, WasmInterruptWatch? Watch) Create(WasmEngine engine, LimitSettings limits)
    {
        var store = new WasmStore(engine);
        try
        {
            if (limits.MaxMemoryBytes is { } maxMemory) store.LimitMemory(maxMemory);
            WasmInterruptWatch? watch = null;
            if (engine.Options.EpochInterruption)
            {
                watch = WasmInterruptWatch.Attach(store);
                watch.Arm(store, TimeLimit(limits), CancellationToken.None);
            }
            return (store, watch);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary><c>limits.max_execution_ms</c> as a time span, or null.</summary>
    public static TimeSpan? TimeLimit(LimitSettings limits) =>
        limits.MaxExecutionMs is { } ms && ms > 0 ? TimeSpan.FromMilliseconds(ms) : null;
}
