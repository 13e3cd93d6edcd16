using Wippy.Host.Abi;
using Wippy.Host.Loading;
using Wippy.Host.Native;
using Wippy.Host.Registry;

namespace Wippy.Host;

/// <summary>
/// A function entry as the runtime holds it: its compiled module (or the reason it failed to load) and
/// its warm instances. Generated proxies call <see cref="Begin"/> / <see cref="BeginAsync"/> to get a
/// <see cref="CoreCall"/> on an instance that no other call is using.
/// </summary>
/// <remarks>
/// Instances are kept warm between calls, up to the pool's <c>max_size</c>, except for <c>inline</c> pools,
/// which get a fresh instance per call. An instance whose call failed in any way is never reused.
/// Worker pools with queues, limits and scaling come with the pools issue; this is the foundation they build on.
/// </remarks>
public sealed class FunctionHandle : IDisposable
{
    private readonly WasmEngine _engine;
    private readonly WasmModule? _module;
    private readonly WippyException? _loadError;
    private readonly InstancePool<CoreInstance>? _idle;
    private readonly ComponentProgram? _program;
    private readonly InstancePool<ComponentInstance>? _idleComponents;
    private readonly TimeSpan? _timeLimit;
    private readonly ulong _retainedMemory;
    private bool _disposed;

    internal FunctionHandle(FunctionDescriptor descriptor, WasmEngine engine, WasmModule? module, WippyException? loadError)
    {
        Descriptor = descriptor;
        _engine = engine;
        _timeLimit = GuestStore.TimeLimit(descriptor.Limits);
        _retainedMemory = (ulong)(descriptor.Limits.MaxRetainedMemoryBytes ?? DefaultMaxRetainedMemoryBytes);
        _module = module;
        _loadError = loadError;
        // inline pools get a fresh instance per call (SPEC §4); the others keep up to their size warm.
        _idle = descriptor.Pool.Type == PoolType.Inline
            ? null
            : new InstancePool<CoreInstance>(WarmCapacity(descriptor));
    }

    /// <summary>An entry whose component is called through Wasmtime's component model.</summary>
    internal FunctionHandle(FunctionDescriptor descriptor, WasmEngine engine, ComponentProgram program)
    {
        Descriptor = descriptor;
        _engine = engine;
        _timeLimit = GuestStore.TimeLimit(descriptor.Limits);
        _program = program;
        _idleComponents = descriptor.Pool.Type == PoolType.Inline ? null : new InstancePool<ComponentInstance>(WarmCapacity(descriptor));
    }

    private static int WarmCapacity(FunctionDescriptor d) => Math.Max(1, d.Pool.Type == PoolType.Static ? d.Pool.Workers : d.Pool.MaxSize);

    /// <summary>The entry id, e.g. <c>myns:compute</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The entry's descriptor.</summary>
    public FunctionDescriptor Descriptor { get; }

    /// <summary>True when the entry loaded; otherwise every call fails with <see cref="LoadError"/>.</summary>
    public bool IsLoaded => _loadError is null;

    /// <summary>Why the entry did not load, or null.</summary>
    public WippyException? LoadError => _loadError;

    /// <summary>Takes an instance for one call. Pair with <see cref="CoreCall.End"/>.</summary>
    /// <exception cref="WippyException">The entry did not load, its runtime was disposed (Unavailable), or a new instance could not be created.</exception>
    public CoreCall Begin() => BeginWatched(CancellationToken.None);

    private CoreCall BeginWatched(CancellationToken cancellationToken)
    {
        if (_disposed) throw new WippyException(ErrorKind.Unavailable, Id, "the runtime serving this entry has been disposed");
        if (_loadError is not null) throw _loadError;
        if (_module is null) throw new WippyException(ErrorKind.Internal, Id, "the entry is called through the component model, not as a core module; rebuild the app");
        var instance = Rent();
        instance.Watch?.Arm(instance.Store, _timeLimit, cancellationToken);
        return new CoreCall(this, instance);
    }

    /// <summary>Like <see cref="Begin"/>, honouring <paramref name="cancellationToken"/> before the call starts.</summary>
    public ValueTask<CoreCall> BeginAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromException<CoreCall>(new WippyException(ErrorKind.Timeout, Id, "the call was cancelled before it started"));
        }
        return new ValueTask<CoreCall>(BeginWatched(cancellationToken));
    }

    /// <summary>
    /// Takes an instance for one call into a component through Wasmtime's component model (generated code of
    /// entries whose <see cref="FunctionDescriptor.CallsComponentModel"/> is set). End it with <see cref="ComponentCall.End"/>.
    /// </summary>
    /// <exception cref="WippyException">The entry did not load, its runtime was disposed (Unavailable), or a new instance could not be created.</exception>
    public ComponentCall BeginComponent() => BeginComponentWatched(CancellationToken.None);

    private ComponentCall BeginComponentWatched(CancellationToken cancellationToken)
    {
        if (_disposed) throw new WippyException(ErrorKind.Unavailable, Id, "the runtime serving this entry has been disposed");
        if (_loadError is not null) throw _loadError;
        if (_program is null) throw new WippyException(ErrorKind.Internal, Id, "the entry is not called through the component model; rebuild the app");
        var instance = RentComponent();
        instance.Watch?.Arm(instance.Store, _timeLimit, cancellationToken);
        return new ComponentCall(this, instance);
    }

    /// <summary>Like <see cref="BeginComponent"/>; fails with Timeout when <paramref name="cancellationToken"/> is already cancelled.</summary>
    public ValueTask<ComponentCall> BeginComponentAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromException<ComponentCall>(new WippyException(ErrorKind.Timeout, Id, "the call was cancelled before it started"));
        }
        return new ValueTask<ComponentCall>(BeginComponentWatched(cancellationToken));
    }

    private ComponentInstance RentComponent()
    {
        if (_idleComponents?.TryTake() is { } warm) return warm;
        try
        {
            return ComponentInstance.Create(_engine, _program!, Descriptor.Limits);
        }
        catch (WasmTrapException e)
        {
            throw new WippyException(ErrorKind.Trap, Id, "instantiation trapped: " + e.Message, e);
        }
        catch (Exception e) when (e is WasmtimeException or InvalidOperationException)
        {
            throw new WippyException(ErrorKind.Internal, Id, "instantiation failed: " + e.Message, e);
        }
    }

    internal void Return(ComponentInstance instance, bool healthy)
    {
        // A component instance that trapped can never be entered again (Wasmtime poisons it): only completed calls go back.
        if (healthy && _idleComponents is not null) _idleComponents.Return(instance);
        else instance.Dispose();
    }

    private CoreInstance Rent()
    {
        if (_idle?.TryTake() is { } warm) return warm;
        try
        {
            return CoreInstance.Create(_engine, _module!, Descriptor.Export, Descriptor.Limits);
        }
        catch (WasmTrapException e)
        {
            throw new WippyException(ErrorKind.Trap, Id, "instantiation trapped: " + e.Message, e);
        }
        catch (Exception e) when (e is WasmtimeException or InvalidOperationException)
        {
            throw new WippyException(ErrorKind.Internal, Id, "instantiation failed: " + e.Message, e);
        }
    }

    /// <summary>Returns an instance after a call: kept warm when the call completed, disposed otherwise.</summary>
    internal void Return(CoreInstance instance, bool healthy)
    {
        // An instance whose memory grew past limits.max_retained_memory_bytes is replaced rather than kept warm.
        if (healthy && _idle is not null && !(instance.HasMemory && instance.Memory.DataSize > _retainedMemory)) _idle.Return(instance);
        else instance.Dispose();
    }

    /// <summary>The default of <c>limits.max_retained_memory_bytes</c>: 64 MiB.</summary>
    public const long DefaultMaxRetainedMemoryBytes = 64L * 1024 * 1024;

    /// <summary>The linear memory size of each warm instance (for tests of instance reuse).</summary>
    internal IReadOnlyList<ulong> IdleMemorySizes() =>
        _idle is null ? [] : _idle.Idle().Select(i => i.HasMemory ? (ulong)i.Memory.DataSize : 0UL).ToArray();

    /// <summary>Disposes the warm instances and the module.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _idle?.Dispose();
        _module?.Dispose();
        _idleComponents?.Dispose();
        _program?.Dispose();
    }
}
