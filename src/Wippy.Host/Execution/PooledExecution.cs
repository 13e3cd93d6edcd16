using Wippy.Host.Native;
using Wippy.Host.Observability;
using Wippy.Host.Pools;
using Wippy.Host.Registry;
using Wippy.Host.Wasi;

namespace Wippy.Host.Execution;

/// <summary>
/// An execution whose instances live in the entry's pool (<see cref="EntryPool{T}"/>): a call takes an instance no
/// other call is using, armed with the entry's time limit and the caller's cancellation, and gives it back when it
/// ends. What differs between the ways of running a guest is only how an instance is made (<see cref="Create"/>)
/// and whether a completed call leaves it fit to keep (<see cref="ReplaceAfterCall"/>).
/// </summary>
/// <remarks>
/// An instance whose call failed in any way (trap, timeout, cancellation, bad value) is never reused: Wasmtime
/// poisons a component instance after a trap, and a core instance may be left half-way through its own state.
/// </remarks>
internal abstract class PooledExecution<TInstance> : WasmExecution
    where TInstance : GuestInstance
{
    private readonly EntryPool<TInstance> _pool;
    private readonly TimeSpan? _timeLimit;

    // The entry's WASI when a call must check or resolve something before it takes an instance (mount permissions,
    // variables), else null: most entries have neither, and their calls skip it.
    private readonly GuestWasi? _checkBeforeCall;

    // Leases on the entry's compiled code (the template, module or component program instances are made from): one is
    // the entry's own, given up by Dispose; each instance being made holds another. The code is freed when the last
    // lease goes, so that disposing the entry under a caller that is making an instance (the runtime stopping while a
    // caller took a worker) never frees code being instantiated; a caller that comes after fails with Unavailable.
    private int _leases = 1;
    private int _disposed;

    protected PooledExecution(FunctionDescriptor descriptor, WasmEngine engine, EntryObserver observer, GuestWasi? wasi)
    {
        Descriptor = descriptor;
        Engine = engine;
        Observer = observer;
        Wasi = wasi;
        _timeLimit = GuestStore.TimeLimit(descriptor.Limits);
        _checkBeforeCall = wasi is { ChecksBeforeCall: true } ? wasi : null;
        _pool = new EntryPool<TInstance>(descriptor.Id, descriptor.Pool, Instantiate);
    }

    /// <summary>The entry id, e.g. <c>myns:compute</c>.</summary>
    public string Id => Descriptor.Id;

    public FunctionDescriptor Descriptor { get; }

    public EntryObserver Observer { get; }

    protected WasmEngine Engine { get; }

    /// <summary>The entry's WASI (arguments, variables, mounts, output); null gives a guest that imports WASI none of it.</summary>
    protected GuestWasi? Wasi { get; }

    public override int Busy => _pool.Busy;

    public override int Queued => _pool.Queued;

    public override int WaitingForRoom => _pool.WaitingForRoom;

    public override int Idle => _pool.Idle;

    /// <summary>The idle instances (for tests and diagnostics).</summary>
    internal IEnumerable<TInstance> IdleInstances() => _pool.IdleInstances();

    /// <summary>A new instance in a store of its own, with the entry's limits and WASI.</summary>
    protected abstract TInstance Create();

    /// <summary>Frees the compiled code instances are made from; called once, when no instance is being made.</summary>
    protected abstract void FreeCode();

    /// <summary>Why an instance that completed its call should not be kept warm, or null to keep it.</summary>
    protected virtual string? ReplaceAfterCall(TInstance instance) => null;

    /// <summary>
    /// An instance for one call, waiting (blocking the thread) while all workers are busy; cancelled by the ambient
    /// <see cref="CallCancellation.Ambient"/> (a Lua executor's timeout, a future's <c>cancel()</c>, the limit of the
    /// call whose C# import makes this call), as a Timeout error. A failure before the call is counted.
    /// </summary>
    public TInstance Take()
    {
        try
        {
            var env = _checkBeforeCall?.BeforeCall();
            var token = CallCancellation.Ambient;
            return Armed(Current(_pool.Rent(token), env), token, callersOwnToken: false);
        }
        catch (WippyException e)
        {
            Observer.Called(false, e.Kind, 0);
            throw;
        }
    }

    /// <summary>
    /// Like <see cref="Take"/>, waiting asynchronously; completes synchronously (no allocation) when a worker is free.
    /// <paramref name="cancellationToken"/> is the caller's own: its cancellation, before or during the call, is an
    /// <see cref="OperationCanceledException"/> (<see cref="CallCancellation.CallerCancelled"/>).
    /// </summary>
    public ValueTask<TInstance> TakeAsync(CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromException<TInstance>(FailedToStart(new WippyException(ErrorKind.Timeout, Id, "the call was cancelled before it started"), cancellationToken));
        }
        ValueTask<TInstance> rent;
        string?[]? env;
        try
        {
            env = _checkBeforeCall?.BeforeCall();
            rent = _pool.RentAsync(cancellationToken);
        }
        catch (WippyException e)
        {
            return ValueTask.FromException<TInstance>(FailedToStart(e, cancellationToken));
        }
        if (rent.IsCompletedSuccessfully)
        {
            try
            {
                return new ValueTask<TInstance>(Armed(Current(rent.Result, env), cancellationToken, callersOwnToken: true));
            }
            catch (WippyException e)
            {
                return ValueTask.FromException<TInstance>(FailedToStart(e, cancellationToken));
            }
        }
        return Awaited(rent, env, cancellationToken);

        async ValueTask<TInstance> Awaited(ValueTask<TInstance> pending, string?[]? env, CancellationToken token)
        {
            try
            {
                return Armed(Current(await pending.ConfigureAwait(false), env), token, callersOwnToken: true);
            }
            catch (WippyException e)
            {
                throw FailedToStart(e, token);
            }
        }
    }

    /// <summary>
    /// The warm half of <see cref="TakeAsync"/>: an idle instance armed with <paramref name="cancellationToken"/>, when
    /// one is free now and nothing has to run before the call (no <c>wasi.env</c> or mount check, the token not
    /// cancelled). False takes nothing and counts nothing: the caller goes on with <see cref="TakeAsync"/>.
    /// </summary>
    public bool TryTakeWarm(CancellationToken cancellationToken, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out TInstance instance)
    {
        if (_checkBeforeCall is null && !cancellationToken.IsCancellationRequested && _pool.TryTakeIdle(out instance))
        {
            instance = Armed(instance, cancellationToken, callersOwnToken: true);
            return true;
        }
        instance = null;
        return false;
    }

    /// <summary>
    /// Counts an async call that failed before it ran, and gives what its caller gets: the error, or, when the
    /// caller's own <paramref name="token"/> cancelled it, the <see cref="OperationCanceledException"/> around it.
    /// </summary>
    private Exception FailedToStart(WippyException error, CancellationToken token)
    {
        Observer.Called(false, error.Kind, 0);
        return error.Kind == ErrorKind.Timeout && token.IsCancellationRequested ? CallCancellation.CallerCancelled(error, token) : error;
    }


    /// <summary>
    /// Gives <paramref name="instance"/> back after its call: kept warm when the call completed and the instance is
    /// still fit (<see cref="ReplaceAfterCall"/>), otherwise disposed and its worker freed.
    /// </summary>
    public void Return(TInstance instance, bool completed, ErrorKind failure)
    {
        instance.Watch?.EndCall();
        instance.Wasi?.Flush();
        var replace = completed ? ReplaceAfterCall(instance) : "a failed call (" + failure + ")";
        if (replace is not null) WippyLog.InstanceReplaced(Observer.Logger, Id, replace);
        _pool.Return(instance, replace is null);
    }

    public override void Warm(int count) => _pool.Warm(count);

    public override int Retire(TimeSpan idleTimeout) => _pool.Retire(idleTimeout);

    /// <summary>Stops the pool; the compiled code is freed now, or by the last caller still making an instance.</summary>
    public sealed override void Dispose()
    {
        _pool.Dispose();
        OnPoolStopped();
        if (Interlocked.Exchange(ref _disposed, 1) == 0) ReleaseLease();
    }

    /// <summary>The pool was stopped (the entry is disposed): instances kept outside it end here.</summary>
    protected virtual void OnPoolStopped()
    {
    }

    private bool TryLease()
    {
        while (true)
        {
            var leases = Volatile.Read(ref _leases);
            if (leases == 0) return false;
            if (Interlocked.CompareExchange(ref _leases, leases + 1, leases) == leases) return true;
        }
    }

    private void ReleaseLease()
    {
        if (Interlocked.Decrement(ref _leases) == 0) FreeCode();
    }

    /// <summary>
    /// <paramref name="instance"/>, or a new instance in its place when its guest sees other variable values than the
    /// call's (<paramref name="env"/>, resolved just before): the variables are fixed when a store is made.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private TInstance Current(TInstance instance, string?[]? env) => env is not { Length: > 0 } ? instance : CurrentFor(instance, env);

    private TInstance CurrentFor(TInstance instance, string?[] env)
    {
        if (instance.Wasi is not { } state || !GuestWasi.Differ(state.Env, env)) return instance;
        WippyLog.InstanceReplaced(Observer.Logger, Id, "its variables changed (wasi.env)");
        _pool.Replacing(instance);
        instance.Dispose();
        try
        {
            return Instantiate();
        }
        catch
        {
            _pool.Return(instance, false); // the slot the disposed instance held goes back to the pool empty
            throw;
        }
    }

    /// <summary>Arms <paramref name="instance"/>'s watch for a call made outside the pool (on an instance a <see cref="ResourceLease"/> keeps), with the entry's time limit.</summary>
    internal void ArmOutsidePool(TInstance instance) => instance.Watch?.Arm(_timeLimit, CallCancellation.Ambient);

    private TInstance Armed(TInstance instance, CancellationToken token, bool callersOwnToken)
    {
        instance.Watch?.Arm(_timeLimit, token, callersOwnToken);
        return instance;
    }

    /// <summary>
    /// <see cref="Create"/>, timed (metric and log event), with its failures turned into errors naming the entry;
    /// Unavailable once the entry is disposed.
    /// </summary>
    private TInstance Instantiate()
    {
        if (!TryLease()) throw new WippyException(ErrorKind.Unavailable, Id, "the runtime serving this entry has been disposed");
        try
        {
            return InstantiateLeased();
        }
        finally
        {
            ReleaseLease();
        }
    }

    private TInstance InstantiateLeased()
    {
        try
        {
            if (!Observer.WatchesInstantiation) return Create(); // no clock reads for nobody (inline pools make one per call)
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var instance = Create();
            Observer.Instantiated(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, Busy, Idle);
            return instance;
        }
        catch (WasmtimeException e) when (HostFailure(e) is { } inner)
        {
            // A host function the guest called while it started (a WASI function the entry does not grant…) failed.
            throw new WippyException(inner.Kind, Id, "the guest failed while it started: " + inner.Detail, e) { ExitCode = inner.ExitCode };
        }
        catch (WasmStoreLimitException e)
        {
            throw new WippyException(ErrorKind.Unavailable, Id, e.Message, e);
        }
        catch (WasmTrapException e)
        {
            throw new WippyException(ErrorKind.Trap, Id, "instantiation trapped: " + GeneratedCode.CoreCall.TrapReason(e), e);
        }
        catch (GuestStartInterruptedException e)
        {
            throw e.Reason == WasmInterruptReason.Stopped
                ? new WippyException(ErrorKind.Unavailable, Id, "the runtime stopped while the guest started", e)
                : new WippyException(ErrorKind.Timeout, Id, $"the guest's start-up (start function, _initialize) ran longer than its limit of {e.Limit?.TotalMilliseconds:0} ms (limits.max_execution_ms) and was stopped", e);
        }
        catch (WasmtimeException e) when (e.ExitStatus is { } status)
        {
            throw new WippyException(ErrorKind.Trap, Id, $"the guest exited with status {status} (wasi:cli/exit) while it started", e) { ExitCode = status };
        }
        catch (WasmtimeException e) when (StoreLimitRefusal(e.Message) is { } refusal)
        {
            throw new WippyException(ErrorKind.Trap, Id, refusal, e);
        }
        catch (Exception e) when (e is WasmtimeException or InvalidOperationException)
        {
            throw new WippyException(ErrorKind.Internal, Id, "instantiation failed: " + e.Message, e);
        }
    }

    /// <summary>
    /// The message of an instantiation that the store's limits refused (<see cref="StoreLimits"/>: too many memories,
    /// tables or instances, or an initial memory or table larger than its cap), or null for another failure. Wasmtime
    /// reports these only as text ("resource limit exceeded: …", "… exceeds memory limits").
    /// </summary>
    private string? StoreLimitRefusal(string message)
    {
        var first = message.Split('\n')[0].Trim();
        if (!first.Contains("resource limit exceeded", StringComparison.Ordinal) && !first.Contains("exceeds memory limits", StringComparison.Ordinal)
            && !first.Contains("exceeds table limits", StringComparison.Ordinal))
        {
            return null;
        }
        return $"the guest needs more than its store may hold ({first}); a store may have {StoreLimits.MaxMemories} memories of at most "
            + $"{StoreMemoryCap} bytes each (limits.max_memory_bytes), {StoreLimits.MaxTables} tables of {StoreLimits.MaxTableElements} elements "
            + $"and {StoreLimits.MaxInstances} instances";
    }

    private long StoreMemoryCap => StoreLimits.MemoryBytes(Descriptor.Limits);

    /// <summary>The error of a host function that failed the guest (kept by <see cref="HostCallFailure"/>, or inside <paramref name="e"/>).</summary>
    private static WippyException? HostFailure(WasmtimeException e)
    {
        var pending = HostCallFailure.Take(); // always taken, so it cannot be mistaken for a later failure's
        return (e.InnerException ?? pending) as WippyException;
    }
}
