using Wippy.Host.Loading;
using Wippy.Host.Native;
using Wippy.Host.Registry;

namespace Wippy.Host;

/// <summary>Settings of a <see cref="WippyRuntime"/>.</summary>
public sealed class WippyRuntimeOptions
{
    /// <summary>
    /// The directory that registry paths (fs.directory entries) are relative to. Defaults to the app's base
    /// directory, where the build copies the files of the app's fs.directory entries.
    /// </summary>
    public string RegistryRoot { get; set; } = AppContext.BaseDirectory;

    /// <summary>
    /// Where implementations of the interfaces components import are found (the generated <c>I…</c> interfaces;
    /// register them as services). Null: every import is linked to a stub that fails the call naming the import.
    /// </summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>
    /// How often the engine's epoch advances (one ticker per runtime): the resolution of <c>limits.max_execution_ms</c>
    /// and of cancelling a running call. Default 10 ms.
    /// </summary>
    public TimeSpan EpochTick { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long a lazy or adaptive pool keeps an unused warm instance (SPEC §4: 30 s).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idle instances are looked for and retired (SPEC §4: every 15 s).</summary>
    public TimeSpan ReapInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Where compiled code is kept between starts (one file per binary and engine configuration; a damaged or stale
    /// file only costs a compile). Default: <c>$XDG_CACHE_HOME/wippy/compiled</c> or <c>~/.cache/wippy/compiled</c>.
    /// Null: compile on every start.
    /// </summary>
    public string? CacheDirectory { get; set; } = CompiledCache.DefaultDirectory();

    /// <summary>
    /// Sizes of Wasmtime's pooling allocator (faster instantiation; caps how many instances, memories and tables may
    /// be live at once in this runtime, and how large a memory may grow). Null (the default): allocate on demand.
    /// When the process cannot reserve the pools' address space, the runtime allocates on demand and logs why.
    /// </summary>
    public WasmPoolingAllocator? PoolingAllocator { get; set; }

    /// <summary>
    /// Asked before every call whether the current <see cref="Wippy.Security.CallContext"/> may call the entry
    /// (<c>funcs.call</c>, SPEC §12); a denial fails the call with PermissionDenied before anything runs. Null (the
    /// default): everything is allowed.
    /// </summary>
    public Wippy.Security.ICallPolicy? Policy { get; set; }

    /// <summary>Where the runtime logs (category <c>Wippy.Host</c>; docs/observability.md). Default: no logging.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }
}

/// <summary>
/// The run time of an app's registry: one Wasmtime engine, and one <see cref="FunctionHandle"/> per function
/// entry, loaded on first use (hash check, compile, export check). Thread-safe.
/// </summary>
public sealed class WippyRuntime : IDisposable
{
    private readonly WasmEngine _engine;
    private readonly Dictionary<string, Lazy<FunctionHandle>> _functions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Lazy<Lua.LuaFunctionHandle>> _lua = new(StringComparer.Ordinal);
    private readonly string _registryRoot;
    private readonly IServiceProvider? _services;
    private readonly EpochTicker _ticker;
    private readonly CompiledCache? _cache;
    private readonly TimeSpan _idleTimeout;
    private readonly Wippy.Security.ICallPolicy? _policy;
    private readonly Timer _reaper;
    private readonly Observability.WippyMetrics _metrics;
    private readonly Microsoft.Extensions.Logging.ILogger _logger;
    private readonly Microsoft.Extensions.Logging.ILoggerFactory _loggers;

    /// <summary>Creates a runtime for <paramref name="manifest"/> (from the generated <c>WippyRegistry.CreateManifest()</c>).</summary>
    public WippyRuntime(RegistryManifest manifest, WippyRuntimeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Manifest = manifest;
        options ??= new WippyRuntimeOptions();
        _registryRoot = Path.GetFullPath(options.RegistryRoot);
        _services = options.Services;
        Env = new Env.EnvValues(manifest, _registryRoot);
        _loggers = options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _logger = _loggers.CreateLogger("Wippy.Host");
        _engine = new WasmEngine(EngineOptions(Pooling(options.PoolingAllocator, _logger)));
        _ticker = new EpochTicker(_engine, options.EpochTick);
        var cacheDirectory = options.CacheDirectory is { Length: > 0 } directory ? directory : null;
        _cache = cacheDirectory is not null || manifest.AppAssembly is not null
            ? new CompiledCache(cacheDirectory, _engine.Options, manifest.AppAssembly, _logger)
            : null;
        _idleTimeout = options.IdleTimeout;
        _policy = options.Policy;
        foreach (var entry in manifest.Entries)
        {
            if (entry is FunctionDescriptor f)
            {
                _functions[f.Id] = new Lazy<FunctionHandle>(() => Load(f), LazyThreadSafetyMode.ExecutionAndPublication);
            }
            else if (entry is LuaFunctionDescriptor l)
            {
                _lua[l.Id] = new Lazy<Lua.LuaFunctionHandle>(() => new Lua.LuaFunctionHandle(l, this, _policy, Observer(l.Id)), LazyThreadSafetyMode.ExecutionAndPublication);
            }
        }
        // Only now: a listener may read the gauges (which walk the tables above) from the moment the meter exists.
        _metrics = new Observability.WippyMetrics(() =>
            _functions.Values.Where(h => h.IsValueCreated).Select(h => (Observability.IEntryPoolStats)h.Value)
                .Concat(_lua.Values.Where(h => h.IsValueCreated).Select(h => h.Value)));
        _reaper = new Timer(static state => ((WippyRuntime)state!).RetireIdle(), this, options.ReapInterval, options.ReapInterval);
        // warm_start: these entries load and instantiate their first workers now, before their first call.
        foreach (var entry in manifest.Entries)
        {
            try
            {
                if (entry is FunctionDescriptor { Pool.WarmStart: true } f) GetFunction(f.Id).Warm();
                else if (entry is LuaFunctionDescriptor { Pool.WarmStart: true } l) GetLuaFunction(l.Id).Warm();
            }
            catch (WippyException)
            {
                // The entry serves its load or instantiation failure to its callers.
            }
        }
    }

    /// <summary>The engine settings of a runtime (the build compiles modules ahead of time with the same, pooling aside).</summary>
    internal static WasmEngineOptions EngineOptions(WasmPoolingAllocator? pooling) => new() { EpochInterruption = true, PoolingAllocator = pooling };

    /// <summary>The pooling allocator when configured and its address space can be reserved now; else null, logged.</summary>
    private static WasmPoolingAllocator? Pooling(WasmPoolingAllocator? pooling, Microsoft.Extensions.Logging.ILogger logger)
    {
        if (pooling is null) return null;
        if (pooling.CanReserve()) return pooling;
        Observability.WippyLog.PoolingUnavailable(logger, pooling.ReservationBytes);
        return null;
    }

    /// <summary>True when this runtime's engine allocates from pools (<see cref="WippyRuntimeOptions.PoolingAllocator"/>).</summary>
    public bool UsesPoolingAllocator => _engine.Options.PoolingAllocator is not null;

    private Observability.EntryObserver Observer(FunctionDescriptor d) => Observer(d.Id);

    private Observability.EntryObserver Observer(string entryId) => new(entryId, _metrics, _logger);

    /// <summary>Retires instances idle longer than the idle timeout, in every loaded entry.</summary>
    private void RetireIdle()
    {
        foreach (var handle in _functions.Values)
        {
            if (handle.IsValueCreated) handle.Value.RetireIdle(_idleTimeout);
        }
        foreach (var handle in _lua.Values)
        {
            if (handle.IsValueCreated) handle.Value.RetireIdle(_idleTimeout);
        }
    }

    /// <summary>The registry this runtime serves.</summary>
    public RegistryManifest Manifest { get; }

    /// <summary>The values of the registry's <c>env.variable</c> entries, looked up in their storages.</summary>
    public Env.EnvValues Env { get; }

    /// <summary>
    /// The function entry <paramref name="id"/>, loading it on first use. An entry that fails to load is
    /// still returned: every call to it fails with the reason.
    /// </summary>
    /// <exception cref="WippyException">NotFound when no function entry has that id.</exception>
    public FunctionHandle GetFunction(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!_functions.TryGetValue(id, out var handle))
        {
            throw new WippyException(ErrorKind.NotFound, id, "no function entry has this id");
        }
        return handle.Value;
    }

    /// <summary>Whether <paramref name="id"/> is a <c>function.lua</c> entry.</summary>
    public bool IsLuaFunction(string id) => _lua.ContainsKey(id);

    /// <summary>The <c>function.lua</c> entry <paramref name="id"/>, loading it on first use (a broken one is returned with its <see cref="Lua.LuaFunctionHandle.LoadError"/>).</summary>
    /// <exception cref="WippyException">NotFound when no function.lua entry has that id.</exception>
    public Lua.LuaFunctionHandle GetLuaFunction(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return _lua.TryGetValue(id, out var handle) ? handle.Value : throw new WippyException(ErrorKind.NotFound, id, "no function.lua entry has this id");
    }

    /// <summary>
    /// <c>funcs.call</c> from Lua: calls <paramref name="target"/> (a Lua or WASM function) with the arguments in stack
    /// slots <paramref name="first"/>… of <paramref name="L"/> and pushes its results; returns how many.
    /// </summary>
    internal int CallFromLua(string target, nint L, int first, int count) => ResolveForLua(target).Call(L, first, count);

    /// <summary>The function <paramref name="target"/> names, for calls from Lua.</summary>
    /// <exception cref="WippyException">NotFound when no function entry has that id.</exception>
    internal Lua.LuaTarget ResolveForLua(string target)
    {
        if (_lua.TryGetValue(target, out var lua)) return new Lua.LuaTarget(target, lua.Value);
        if (!_functions.ContainsKey(target)) throw new WippyException(ErrorKind.NotFound, target, "no function entry has this id");
        return new Lua.LuaTarget(target, GetFunction(target));
    }

    /// <summary>Loads every function entry now, returning each with its load time.</summary>
    public IReadOnlyList<(FunctionHandle Function, TimeSpan LoadTime)> LoadAll()
    {
        var result = new List<(FunctionHandle, TimeSpan)>();
        foreach (var (id, _) in _functions.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var handle = GetFunction(id);
            result.Add((handle, System.Diagnostics.Stopwatch.GetElapsedTime(started)));
        }
        return result;
    }

    private FunctionHandle Load(FunctionDescriptor descriptor)
    {
        try
        {
            var wasi = Wasi.GuestWasi.Create(descriptor, Manifest, _registryRoot, Env, _policy, _loggers);
            if (descriptor.CallsComponentModel)
            {
                var program = ComponentLoader.LoadProgram(_engine, descriptor, FunctionLoader.ReadBytes(descriptor, Manifest, _registryRoot), _services, _cache);
                return new FunctionHandle(descriptor, _engine, program, Observer(descriptor)) { Policy = _policy, Wasi = wasi };
            }
            var module = FunctionLoader.Load(_engine, descriptor, Manifest, _registryRoot, _cache);
            return new FunctionHandle(descriptor, _engine, module, null, Observer(descriptor)) { Policy = _policy, Wasi = wasi };
        }
        catch (WippyException e)
        {
            var error = new WippyException(e.Kind == ErrorKind.Internal ? ErrorKind.Internal : ErrorKind.Unavailable, descriptor.Id,
                "the entry failed to load: " + e.Detail, e);
            Observability.WippyLog.EntryLoadFailed(_logger, descriptor.Id, e.Detail);
            return new FunctionHandle(descriptor, _engine, null, error, Observer(descriptor)) { Policy = _policy };
        }
    }

    /// <summary>Calls running now or waiting for a worker, over every entry of this runtime.</summary>
    public int CallsInFlight =>
        _functions.Values.Where(h => h.IsValueCreated).Sum(h => h.Value.Busy + h.Value.Queued + h.Value.WaitingForRoom)
        + _lua.Values.Where(h => h.IsValueCreated).Sum(h => h.Value.InFlight);

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

    /// <summary>Disposes every loaded function and the engine.</summary>
    public void Dispose()
    {
        _reaper.Dispose();
        foreach (var handle in _functions.Values)
        {
            if (handle.IsValueCreated) handle.Value.Dispose();
        }
        foreach (var handle in _lua.Values)
        {
            if (handle.IsValueCreated) handle.Value.Dispose();
        }
        _ticker.Dispose();
        _metrics.Dispose();
        _engine.Dispose();
    }
}
