using Wippy.Host.Abi;
using Wippy.Host.Loading;
using Wippy.Host.Native;
using Wippy.Host.Observability;
using Wippy.Host.Registry;

namespace Wippy.Host;

/// <summary>
/// A function entry as the runtime holds it: its compiled module or component (or the reason it failed to load)
/// and its workers (<see cref="EntryPool{T}"/>, SPEC §4). Generated proxies call <see cref="Begin"/> /
/// <see cref="BeginAsync"/> (or <see cref="BeginComponent"/> / <see cref="BeginComponentAsync"/> for components
/// called through the component model) to get a call on an instance no other call is using; the call runs on the
/// caller's thread.
/// </summary>
/// <remarks>
/// An instance whose call failed in any way (trap, timeout, cancellation, bad value) is never reused; one whose
/// linear memory grew past <c>limits.max_retained_memory_bytes</c> is replaced after its call.
/// </remarks>
public sealed class FunctionHandle : IDisposable, Observability.IEntryPoolStats
{
    /// <summary>The default of <c>limits.max_retained_memory_bytes</c>: 64 MiB.</summary>
    public const long DefaultMaxRetainedMemoryBytes = 64L * 1024 * 1024;

    private readonly WasmEngine _engine;
    private readonly WasmModule? _module;
    private readonly WasmInstancePre? _template;
    private readonly ComponentProgram? _program;
    private readonly WippyException? _loadError;
    private readonly EntryPool<CoreInstance>? _pool;
    private readonly EntryPool<ComponentInstance>? _componentPool;
    private readonly Wasi.WasiLinking.Needs _coreWasi;
    private readonly TimeSpan? _timeLimit;
    private readonly ulong _retainedMemory;
    private bool _disposed;

    /// <summary>Asked before every call (<c>funcs.call</c> on this entry); null allows everything without asking.</summary>
    internal Wippy.Security.ICallPolicy? Policy { get; init; }

    /// <summary>The entry's WASI (arguments, variables, mounts, output); null gives a guest that imports WASI none of it.</summary>
    internal Wasi.GuestWasi? Wasi { get; init; }

    internal FunctionHandle(FunctionDescriptor descriptor, WasmEngine engine, WasmModule? module, WippyException? loadError, EntryObserver observer)
        : this(descriptor, engine, observer)
    {
        _module = module;
        _loadError = loadError;
        if (module is not null)
        {
            // Linked once: every instance comes from this template.
            (_template, _coreWasi) = global::Wippy.Host.Wasi.WasiLinking.CoreTemplate(module, descriptor);
            _pool = new EntryPool<CoreInstance>(descriptor.Id, descriptor.Pool, CreateCore);
        }
    }

    /// <summary>An entry whose component is called through Wasmtime's component model.</summary>
    internal FunctionHandle(FunctionDescriptor descriptor, WasmEngine engine, ComponentProgram program, EntryObserver observer)
        : this(descriptor, engine, observer)
    {
        _program = program;
        _componentPool = new EntryPool<ComponentInstance>(descriptor.Id, descriptor.Pool, CreateComponent);
    }

    private FunctionHandle(FunctionDescriptor descriptor, WasmEngine engine, EntryObserver observer)
    {
        Observer = observer;
        Descriptor = descriptor;
        _engine = engine;
        _timeLimit = GuestStore.TimeLimit(descriptor.Limits);
        _retainedMemory = (ulong)(descriptor.Limits.MaxRetainedMemoryBytes ?? DefaultMaxRetainedMemoryBytes);
    }

    /// <summary>The entry id, e.g. <c>myns:compute</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The entry's metrics and log events.</summary>
    internal EntryObserver Observer { get; }

    /// <summary>The entry's descriptor.</summary>
    public FunctionDescriptor Descriptor { get; }

    /// <summary>True when the entry loaded; otherwise every call fails with <see cref="LoadError"/>.</summary>
    public bool IsLoaded => _loadError is null;

    /// <summary>Why the entry did not load, or null.</summary>
    public WippyException? LoadError => _loadError;

    /// <summary>Calls running now.</summary>
    public int Busy => _pool?.Busy ?? _componentPool?.Busy ?? 0;

    /// <summary>Callers waiting for a worker now.</summary>
    public int Queued => _pool?.Queued ?? _componentPool?.Queued ?? 0;

    /// <summary>Callers waiting for room in a full queue (static pools: the queue holds <c>buffer</c> callers).</summary>
    public int WaitingForRoom => _pool?.WaitingForRoom ?? _componentPool?.WaitingForRoom ?? 0;

    /// <summary>Warm instances waiting for a call now.</summary>
    public int Idle => _pool?.Idle ?? _componentPool?.Idle ?? 0;

    /// <summary>Takes an instance for one call, waiting while all workers are busy. Pair with <see cref="CoreCall.End"/>.</summary>
    /// <exception cref="WippyException">The entry did not load, its runtime was disposed (Unavailable), or a new instance could not be created.</exception>
    public CoreCall Begin() => new(this, Take(_pool, NotCoreModule));

    /// <summary>
    /// Like <see cref="Begin"/>, completing synchronously (without allocating) when a worker is free. The token
    /// cancels the call while it waits for a worker and while it runs (a Timeout error).
    /// </summary>
    public ValueTask<CoreCall> BeginAsync(CancellationToken cancellationToken = default)
    {
        var take = TakeAsync(_pool, NotCoreModule, cancellationToken);
        return take.IsCompletedSuccessfully ? new ValueTask<CoreCall>(new CoreCall(this, take.Result)) : Awaited(take);

        async ValueTask<CoreCall> Awaited(ValueTask<CoreInstance> pending) => new(this, await pending.ConfigureAwait(false));
    }

    /// <summary>
    /// Takes an instance for one call into a component through Wasmtime's component model (generated code of
    /// entries whose <see cref="FunctionDescriptor.CallsComponentModel"/> is set). End it with <see cref="ComponentCall.End"/>.
    /// </summary>
    /// <exception cref="WippyException">The entry did not load, its runtime was disposed (Unavailable), or a new instance could not be created.</exception>
    public ComponentCall BeginComponent() => new(this, Take(_componentPool, NotComponentModel));

    /// <summary>Like <see cref="BeginComponent"/>; the token cancels the call while it waits and while it runs.</summary>
    public ValueTask<ComponentCall> BeginComponentAsync(CancellationToken cancellationToken = default)
    {
        var take = TakeAsync(_componentPool, NotComponentModel, cancellationToken);
        return take.IsCompletedSuccessfully ? new ValueTask<ComponentCall>(new ComponentCall(this, take.Result)) : Awaited(take);

        async ValueTask<ComponentCall> Awaited(ValueTask<ComponentInstance> pending) => new(this, await pending.ConfigureAwait(false));
    }

    private const string NotCoreModule = "the entry is called through the component model, not as a core module; rebuild the app";

    private const string NotComponentModel = "the entry is not called through the component model; rebuild the app";

    /// <summary>An instance from <paramref name="pool"/>, armed for a call; a failure before the call is counted.</summary>
    private T Take<T>(EntryPool<T>? pool, string wrongPath)
        where T : class, IGuestInstance
    {
        try
        {
            var usable = Usable(pool, wrongPath);
            var env = Wasi?.BeforeCall();
            var token = CallCancellation.Current; // a Lua executor's timeout or a future's cancel(); none for plain calls
            return Armed(Current(usable.Rent(token), env), token);
        }
        catch (WippyException e)
        {
            Observer.Called(false, e.Kind, 0);
            throw;
        }
    }

    /// <summary>Like <see cref="Take{T}"/>, waiting asynchronously; completes synchronously when a worker is free.</summary>
    private ValueTask<T> TakeAsync<T>(EntryPool<T>? pool, string wrongPath, CancellationToken cancellationToken)
        where T : class, IGuestInstance
    {
        if (cancellationToken.IsCancellationRequested)
        {
            Observer.Called(false, ErrorKind.Timeout, 0);
            return ValueTask.FromException<T>(new WippyException(ErrorKind.Timeout, Id, "the call was cancelled before it started"));
        }
        ValueTask<T> rent;
        string?[]? env;
        try
        {
            var usable = Usable(pool, wrongPath);
            env = Wasi?.BeforeCall();
            rent = usable.RentAsync(cancellationToken);
        }
        catch (WippyException e)
        {
            Observer.Called(false, e.Kind, 0);
            return ValueTask.FromException<T>(e);
        }
        if (rent.IsCompletedSuccessfully)
        {
            try
            {
                return new ValueTask<T>(Armed(Current(rent.Result, env), cancellationToken));
            }
            catch (WippyException e)
            {
                Observer.Called(false, e.Kind, 0);
                return ValueTask.FromException<T>(e);
            }
        }
        return Awaited(rent, env, cancellationToken);

        async ValueTask<T> Awaited(ValueTask<T> pending, string?[]? env, CancellationToken token)
        {
            try
            {
                return Armed(Current(await pending.ConfigureAwait(false), env), token);
            }
            catch (WippyException e)
            {
                Observer.Called(false, e.Kind, 0);
                throw;
            }
        }
    }

    /// <summary>The pool to take from, after the checks every call passes (disposed, policy, load error).</summary>
    private EntryPool<T> Usable<T>(EntryPool<T>? pool, string wrongPath)
        where T : class, IGuestInstance
    {
        ThrowIfUnusable();
        return pool ?? throw new WippyException(ErrorKind.Internal, Id, wrongPath);
    }

    private void ThrowIfUnusable()
    {
        if (_disposed) throw new WippyException(ErrorKind.Unavailable, Id, "the runtime serving this entry has been disposed");
        if (Policy is { } policy) CallAuthorization.Check(policy, Id);
        if (_loadError is not null) throw _loadError;
    }


    /// <summary>
    /// <paramref name="instance"/>, or a new instance in its place when its guest sees other variable values than the
    /// call's (<paramref name="env"/>, resolved just before): the variables are fixed when a store is made.
    /// </summary>
    private T Current<T>(T instance, string?[]? env)
        where T : class, IGuestInstance
    {
        if (env is not { Length: > 0 } || instance.Wasi is not { } state || !global::Wippy.Host.Wasi.GuestWasi.Differ(state.Env, env)) return instance;
        WippyLog.InstanceReplaced(Observer.Logger, Id, "its variables changed (wasi.env)");
        instance.Dispose();
        try
        {
            return instance switch
            {
                CoreInstance => (T)(IGuestInstance)CreateCore(),
                _ => (T)(IGuestInstance)CreateComponent(),
            };
        }
        catch
        {
            // The slot the disposed instance held goes back to the pool empty.
            if (instance is CoreInstance core) _pool!.Return(core, false);
            else _componentPool!.Return((ComponentInstance)(IGuestInstance)instance, false);
            throw;
        }
    }

    private T Armed<T>(T instance, CancellationToken token)
        where T : IGuestInstance
    {
        instance.GuestWatch?.Arm(instance.GuestStore, _timeLimit, token);
        return instance;
    }

    private CoreInstance CreateCore() => Instantiate(() => CoreInstance.Create(_engine, _template!, Descriptor.Export, Descriptor.Limits, _coreWasi, Wasi));

    private ComponentInstance CreateComponent() => Instantiate(() => ComponentInstance.Create(_engine, _program!, Descriptor.Limits, Wasi));

    private T Instantiate<T>(Func<T> create)
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var instance = create();
            Observer.Instantiated(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, Busy, Idle);
            return instance;
        }
        catch (WasmtimeException e) when (HostFailure(e) is { } inner)
        {
            // A host function the guest called while it started (a WASI function the entry does not grant…) failed.
            throw new WippyException(inner.Kind, Id, "the guest failed while it started: " + inner.Detail, e);
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

    /// <summary>The error of a host function that failed the guest (kept by <see cref="HostCallFailure"/>, or inside <paramref name="e"/>).</summary>
    private static WippyException? HostFailure(WasmtimeException e)
    {
        var pending = HostCallFailure.Take(); // always taken, so it cannot be mistaken for a later failure's
        return (e.InnerException ?? pending) as WippyException;
    }

    internal void Return(CoreInstance instance, bool completed, ErrorKind failure)
    {
        instance.WasiState?.Flush();
        // An instance whose memory grew past limits.max_retained_memory_bytes is replaced rather than kept warm.
        var grown = completed && instance.HasMemory && instance.Memory.DataSize > _retainedMemory;
        if (!completed) WippyLog.InstanceReplaced(Observer.Logger, Id, "a failed call (" + failure + ")");
        else if (grown) WippyLog.InstanceReplaced(Observer.Logger, Id, $"its memory grew to {instance.Memory.DataSize} bytes (limits.max_retained_memory_bytes = {_retainedMemory})");
        _pool!.Return(instance, completed && !grown);
    }

    // A component instance that trapped can never be entered again (Wasmtime poisons it): only completed calls go back.
    internal void Return(ComponentInstance instance, bool completed, ErrorKind failure)
    {
        instance.Wasi?.Flush();
        if (!completed) WippyLog.InstanceReplaced(Observer.Logger, Id, "a failed call (" + failure + ")");
        _componentPool!.Return(instance, completed);
    }

    /// <summary>Instantiates the entry's first workers now (<c>warm_start</c>): static pools all their workers, the others one.</summary>
    internal void Warm()
    {
        if (_loadError is not null) return;
        var count = Descriptor.Pool.WarmCount;
        _pool?.Warm(count);
        _componentPool?.Warm(count);
        WippyLog.WarmStarted(Observer.Logger, Id, Idle);
    }

    /// <summary>Retires instances idle for <paramref name="idleTimeout"/> (lazy: all; adaptive: all but one; static: none).</summary>
    internal int RetireIdle(TimeSpan idleTimeout)
    {
        var retired = (_pool?.Retire(idleTimeout) ?? 0) + (_componentPool?.Retire(idleTimeout) ?? 0);
        if (retired > 0) WippyLog.InstancesRetired(Observer.Logger, Id, retired, Idle);
        return retired;
    }

    internal IReadOnlyList<ulong> IdleMemorySizes() =>
        _pool is null ? [] : _pool.IdleInstances().Select(i => i.HasMemory ? (ulong)i.Memory.DataSize : 0UL).ToArray();

    /// <summary>Stops the workers (waiting callers fail with Unavailable) and frees the module.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _pool?.Dispose();
        _componentPool?.Dispose();
        _template?.Dispose();
        _module?.Dispose();
        _program?.Dispose();
    }
}
