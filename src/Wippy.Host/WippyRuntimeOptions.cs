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

    /// <summary>
    /// Serves every component's WASI with Wasmtime's built-in implementation, even where the host's own covers every
    /// interface the component imports. Only for comparing the two (differential tests, the benchmarks' floor).
    /// </summary>
    internal bool WasmtimeWasi { get; init; }

    /// <summary>The most instances alive at once in this runtime (null: the engine's default, from vm.max_map_count); for tests.</summary>
    internal int? MaxLiveStores { get; init; }

    /// <summary>How long a lazy or adaptive pool keeps an unused warm instance (docs/runtime.md#workers-pools: 30 s).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idle instances are looked for and retired (docs/runtime.md#workers-pools: every 15 s).</summary>
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
    /// (<c>funcs.call</c>, docs/runtime.md#security-context); a denial fails the call with PermissionDenied before anything runs. Null (the
    /// default): everything is allowed.
    /// </summary>
    public Wippy.Security.ICallPolicy? Policy { get; set; }

    /// <summary>Where the runtime logs (category <c>Wippy.Host</c>; docs/runtime.md#log-events). Default: no logging.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>A command's run: its guest's arguments and output (set by <c>run &lt;name&gt;</c> on the runtime it creates).</summary>
    internal Cli.CommandTerminal? CommandTerminal { get; set; }

    /// <summary>A copy of these options (to change one setting for one runtime without changing the caller's).</summary>
    internal WippyRuntimeOptions Copy() => (WippyRuntimeOptions)MemberwiseClone();

    /// <summary>A copy of these options with <see cref="Services"/> set to <paramref name="services"/>.</summary>
    internal WippyRuntimeOptions WithServices(IServiceProvider services)
    {
        var copy = (WippyRuntimeOptions)MemberwiseClone();
        copy.Services = services;
        return copy;
    }
}
