using Wippy.Host.Loading;
using Wippy.Host.Native;
using Wippy.Host.Registry;

namespace Wippy.Host;

/// <summary>
/// The run time of an app's registry: one Wasmtime engine, and one <see cref="FunctionHandle"/> per function entry
/// (WebAssembly or Lua), loaded on first use (<see cref="FunctionLoaders"/>: hash check, compile, link; Lua: compile
/// and run once). Thread-safe.
/// </summary>
public sealed class WippyRuntime : IDisposable
{
    private readonly Dictionary<string, Lazy<FunctionHandle>> _functions = new(StringComparer.Ordinal);
    private readonly EpochTicker _ticker;
    private readonly TimeSpan _idleTimeout;
    private readonly Timer _reaper;
    private readonly Observability.WippyMetrics _metrics;
    private readonly Microsoft.Extensions.Logging.ILogger _logger;

    /// <summary>Creates a runtime for <paramref name="manifest"/> (from the generated <c>WippyRegistry.CreateManifest()</c>).</summary>
    public WippyRuntime(RegistryManifest manifest, WippyRuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Manifest = manifest;
        options ??= new WippyRuntimeOptions();
        RegistryRoot = Path.GetFullPath(options.RegistryRoot);
        Services = options.Services;
        WasmtimeWasi = options.WasmtimeWasi;
        CommandTerminal = options.CommandTerminal;
        Env = new Env.EnvValues(manifest, RegistryRoot);
        Loggers = options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _logger = Loggers.CreateLogger("Wippy.Host");
        Engine = new WasmEngine(EngineOptions(Pooling(options.PoolingAllocator, _logger), options.MaxLiveStores));
        _ticker = new EpochTicker(Engine, options.EpochTick);
        var cacheDirectory = options.CacheDirectory is { Length: > 0 } directory ? directory : null;
        Cache = cacheDirectory is not null || manifest.AppAssembly is not null
            ? new CompiledCache(cacheDirectory, Engine.Options, manifest.AppAssembly, _logger)
            : null;
        _idleTimeout = options.IdleTimeout;
        Policy = options.Policy;
        Processes = new Processes.LocalProcessHost(this);
        var warmStart = new List<string>();
        foreach (var entry in manifest.Entries)
        {
            if (FunctionLoaders.For(entry, this) is not { } loadable) continue; // data (fs.*, env.*), not a function
            _functions[entry.Id] = new Lazy<FunctionHandle>(loadable.Load, LazyThreadSafetyMode.ExecutionAndPublication);
            if (loadable.Pool.WarmStart) warmStart.Add(entry.Id);
        }
        // Only now: a listener may read the gauges (which walk the table above) from the moment the meter exists.
        _metrics = new Observability.WippyMetrics(() => Loaded());
        _reaper = new Timer(static state => ((WippyRuntime)state!).RetireIdle(), this, options.ReapInterval, options.ReapInterval);
        // warm_start: these entries load and instantiate their first workers now, in the background, so that no
        // entry's start-up (a slow or looping start function) delays the others or the runtime.
        WarmStart = WarmStarter.Start(warmStart, this);
    }

    /// <summary>
    /// Completes when every <c>warm_start</c> entry has loaded and made its first workers (or failed to: such an entry
    /// serves its failure to its callers). Warm start runs in the background on a few threads of its own (at most one
    /// per processor); a call to an entry still warming waits only for that entry.
    /// </summary>
    public Task WarmStart { get; }

    /// <summary>The engine settings of a runtime (the build compiles modules ahead of time with the same, pooling aside).</summary>
    internal static WasmEngineOptions EngineOptions(WasmPoolingAllocator? pooling, int? maxLiveStores = null) =>
        new() { EpochInterruption = true, PoolingAllocator = pooling, MaxLiveStores = maxLiveStores };

    /// <summary>The pooling allocator when configured and its address space can be reserved now; else null, logged.</summary>
    private static WasmPoolingAllocator? Pooling(WasmPoolingAllocator? pooling, Microsoft.Extensions.Logging.ILogger logger)
    {
        if (pooling is null) return null;
        if (pooling.CanReserve()) return pooling;
        Observability.WippyLog.PoolingUnavailable(logger, pooling.ReservationBytes);
        return null;
    }

    /// <summary>Whether components get Wasmtime's WASI even where the host's own would serve them (<see cref="WippyRuntimeOptions.WasmtimeWasi"/>).</summary>
    internal bool WasmtimeWasi { get; }

    /// <summary>True when this runtime's engine allocates from pools (<see cref="WippyRuntimeOptions.PoolingAllocator"/>).</summary>
    public bool UsesPoolingAllocator => Engine.Options.PoolingAllocator is not null;

    /// <summary>The registry this runtime serves.</summary>
    public RegistryManifest Manifest { get; }

    /// <summary>The values of the registry's <c>env.variable</c> entries, looked up in their storages.</summary>
    public Env.EnvValues Env { get; }

    // ---- what the loaders use (Loading/) ----

    /// <summary>The runtime's one engine.</summary>
    internal WasmEngine Engine { get; }

    /// <summary>The directory registry paths are relative to.</summary>
    internal string RegistryRoot { get; }

    /// <summary>Where implementations of the interfaces components import are found; null: stubs only.</summary>
    internal IServiceProvider? Services { get; }

    /// <summary>Compiled code kept between starts, or null.</summary>
    internal CompiledCache? Cache { get; }

    /// <summary>Asked before every call; null allows everything.</summary>
    internal Wippy.Security.ICallPolicy? Policy { get; }

    /// <summary>Where the runtime and its guests log.</summary>
    internal Microsoft.Extensions.Logging.ILoggerFactory Loggers { get; }

    /// <summary>The command this runtime was made to run, whose guest writes to the terminal; null for any other runtime.</summary>
    internal Cli.CommandTerminal? CommandTerminal { get; }

    /// <summary>The metrics and log events of the entry <paramref name="entryId"/>.</summary>
    internal Observability.EntryObserver Observer(string entryId) => new(entryId, _metrics, _logger);

    /// <summary>
    /// The function entry <paramref name="id"/> (WebAssembly or Lua), loading it on first use. An entry that fails
    /// to load is still returned: every call to it fails with the reason (<see cref="FunctionHandle.LoadError"/>).
    /// </summary>
    /// <exception cref="WippyException">NotFound when no function entry has that id.</exception>
    public FunctionHandle GetFunction(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (_disposed) throw new WippyException(ErrorKind.Unavailable, id, "the runtime serving this entry has been disposed");
        return _functions.TryGetValue(id, out var handle)
            ? handle.Value
            : throw new WippyException(ErrorKind.NotFound, id, "no function entry has this id");
    }

    /// <summary>The <c>function.wat</c> or <c>function.wasm</c> entry <paramref name="id"/>, loading it on first use.</summary>
    /// <exception cref="WippyException">NotFound when no WebAssembly function entry has that id.</exception>
    public WasmFunctionHandle GetWasmFunction(string id) =>
        GetFunction(id) as WasmFunctionHandle ?? throw new WippyException(ErrorKind.NotFound, id, "no function.wat or function.wasm entry has this id");

    /// <summary>The <c>function.lua</c> entry <paramref name="id"/>, loading it on first use.</summary>
    /// <exception cref="WippyException">NotFound when no function.lua entry has that id.</exception>
    public Lua.LuaFunctionHandle GetLuaFunction(string id) =>
        GetFunction(id) as Lua.LuaFunctionHandle ?? throw new WippyException(ErrorKind.NotFound, id, "no function.lua entry has this id");

    /// <summary>Loads every function entry now (WebAssembly and Lua), in id order, returning each with its load time.</summary>
    public IReadOnlyList<(FunctionHandle Function, TimeSpan LoadTime)> LoadAll()
    {
        var result = new List<(FunctionHandle, TimeSpan)>();
        foreach (var id in _functions.Keys.Order(StringComparer.Ordinal))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var handle = GetFunction(id);
            result.Add((handle, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
        }
        return result;
    }

    /// <summary>The entries loaded so far.</summary>
    private IEnumerable<FunctionHandle> Loaded() => _functions.Values.Where(h => h.IsValueCreated).Select(h => h.Value);

    /// <summary>Retires instances idle longer than the idle timeout, in every loaded entry.</summary>
    private void RetireIdle()
    {
        foreach (var handle in Loaded()) handle.RetireIdle(_idleTimeout);
    }

    /// <summary>
    /// The processes of this runtime (docs/processes.md): spawn <c>process.wasm</c> entries, send them messages, stop
    /// them, watch their exits. Disposing the runtime stops them all.
    /// </summary>
    public Processes.LocalProcessHost Processes { get; }

    /// <summary>Calls running now or waiting for a worker, over every entry of this runtime.</summary>
    public int CallsInFlight => Loaded().Sum(h => h.InFlight);

    /// <summary>
    /// Waits until no call runs or waits for a worker (<see cref="CallsInFlight"/> is 0), so that a host stopping
    /// (<see cref="Hosting.WippyHostedService"/>) lets running calls finish before <see cref="Dispose"/>. New calls
    /// are still served meanwhile: a call made by a running one (Lua's <c>funcs.call</c>) must not fail. Returns the
    /// number of calls still in flight when <paramref name="cancellationToken"/> ended the wait (0 when all finished).
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var inFlight = CallsInFlight;
            if (inFlight == 0) return 0;
            try
            {
                await Task.Delay(10, cancellationToken).ConfigureAwait(false); // shutdown only: polling keeps the call path free of it
            }
            catch (OperationCanceledException)
            {
                return CallsInFlight;
            }
        }
    }

    private volatile bool _disposed;

    /// <summary>How long <see cref="Dispose"/> lets processes end by themselves once their mailboxes closed.</summary>
    internal static readonly TimeSpan ProcessesGraceOnDispose = TimeSpan.FromSeconds(2);

    /// <summary>Whether <see cref="Dispose"/> has begun.</summary>
    internal bool IsDisposed => _disposed;

    /// <summary>
    /// Stops the WebAssembly calls running now: each fails with Unavailable at the next epoch tick (a guest waiting
    /// in a host function at once), and so does every later one. Used by <see cref="Dispose"/>, and by a host whose
    /// shutdown timeout ended before its calls did.
    /// </summary>
    internal void StopRunningCalls() => Engine.Stop();

    /// <summary>
    /// Stops the runtime: running WebAssembly calls are stopped (Unavailable) and callers waiting for a worker fail
    /// (Unavailable); every loaded function is disposed. The epoch ticker goes on until the last store is gone (a call
    /// held by a host function that ignores cancellation still reaches its deadline), waiting up to 5 s for that.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        // Processes first: their mailboxes close (a guest in receive sees "closed" and may return), and those still
        // running after a short grace are ended, so that their exits are delivered before the handles go.
        Processes.StopAll(ProcessesGraceOnDispose);
        StopRunningCalls();
        _reaper.Dispose();
        foreach (var handle in Loaded()) handle.Dispose();
        Cache?.Dispose();
        _ticker.Dispose(); // disposes the engine once no store lives
        _metrics.Dispose();
    }
}
