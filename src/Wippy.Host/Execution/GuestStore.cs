using Wippy.Host.HostInterfaces;
using Wippy.Host.Native;
using Wippy.Host.Registry;
using Wippy.Host.Wasi;

namespace Wippy.Host.Execution;

/// <summary>A new store for one instance of an entry, with the entry's limits applied before any guest code runs.</summary>
internal static class GuestStore
{
    /// <summary>
    /// The store, capped as <see cref="StoreLimits"/> says (memories, tables, instances), its interrupt watch (when the engine
    /// has epoch interruption), armed with <c>limits.max_execution_ms</c> for the instantiation that follows, and,
    /// when the guest imports WASI, its WASI state (the entry's, or none at all for an entry without a wasi: block):
    /// set before any guest code runs, because Wasmtime aborts the process when a WASI call finds no state. A guest
    /// linked to the host's own interfaces gets a <see cref="HostState"/> as the store's data instead.
    /// </summary>
    public static (WasmStore Store, WasmInterruptWatch? Watch, GuestWasiState? Wasi) Create(
        WasmEngine engine, string? entryId, LimitSettings limits, WasiLinking.Needs needs, GuestWasi? wasi)
    {
        // The host's own interfaces find their state through the store (and their waits need its watch).
        var host = (needs & (WasiLinking.Needs.Host | WasiLinking.Needs.Imports)) != 0
            ? new HostState(entryId ?? throw new ArgumentNullException(nameof(entryId), "a store with host interfaces needs the entry's id"))
            : null;
        if (host is not null) host.Process = Processes.ProcessScope.For(entryId);
        var store = new WasmStore(engine, host);
        try
        {
            StoreLimits.Apply(store, limits);
            GuestWasiState? state = null;
            if ((needs & WasiLinking.Needs.Host) != 0 && host is not null)
            {
                if (wasi is null) host.Wasi = WasiHost.WasiContext.Empty; // nothing granted: no variables, output dropped
                else state = wasi.ConfigureHost(host, wasi.ResolveEnv(strict: false));
            }
            if ((needs & (WasiLinking.Needs.Wasi | WasiLinking.Needs.Http)) != 0)
            {
                if (wasi is null) store.SetWasi(new WasmWasiConfig()); // nothing granted: no variables, no files, output dropped
                else state = wasi.Configure(store, wasi.ResolveEnv(strict: false));
                if ((needs & WasiLinking.Needs.Http) != 0) store.SetWasiHttp();
            }
            WasmInterruptWatch? watch = null;
            if (engine.Options.EpochInterruption)
            {
                watch = WasmInterruptWatch.Attach(store);
                watch.Arm(TimeLimit(limits), CancellationToken.None);
                if (host is not null) host.Watch = watch;
            }
            return (store, watch, state);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>The longest time limit that is kept as given: <see cref="int.MaxValue"/> ms (about 24.8 days).</summary>
    public const long MaxTimeLimitMs = int.MaxValue;

    /// <summary>
    /// <c>limits.max_execution_ms</c> as a time span, or null; values past <see cref="MaxTimeLimitMs"/> (which the
    /// build rejects, but a hand-made descriptor may hold) are taken as that, never an overflow.
    /// </summary>
    public static TimeSpan? TimeLimit(LimitSettings limits) =>
        limits.MaxExecutionMs is { } ms && ms > 0 ? TimeSpan.FromMilliseconds(Math.Min(ms, MaxTimeLimitMs)) : null;
}
