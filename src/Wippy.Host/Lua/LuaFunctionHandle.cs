using System.Text.Json;
using Wippy.Host.Execution;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Loading;
using Wippy.Host.Lua.Native;
using Wippy.Host.Pools;
using Wippy.Host.Registry;

namespace Wippy.Host.Lua;

/// <summary>
/// A <c>function.lua</c> entry as the runtime holds it: its pool of Lua states (each call takes one that no other
/// call is using), called with JSON-compatible values from C# and the command line, and from other Lua code through
/// <c>funcs.call</c> (values copied between the two states).
/// </summary>
public sealed class LuaFunctionHandle : FunctionHandle
{
    private readonly EntryPool<LuaWorker> _pool;
    private readonly Wippy.Security.ICallPolicy? _policy;
    private readonly TimeSpan? _limit;
    private readonly long _memoryLimit;
    private readonly long _retainedMemory;
    private readonly CancellationToken _stopping;

    internal LuaFunctionHandle(LuaFunctionDescriptor descriptor, WippyRuntime runtime, Wippy.Security.ICallPolicy? policy, Observability.EntryObserver observer)
        : base(descriptor, observer)
    {
        _policy = policy;
        _limit = Execution.GuestStore.TimeLimit(descriptor.Limits);
        _memoryLimit = descriptor.Limits.MaxMemoryBytes is { } cap && cap > 0 ? cap : LuaMemory.DefaultLimitBytes;
        _retainedMemory = descriptor.Limits.MaxRetainedMemoryBytes is { } kept && kept > 0 ? kept : LuaMemory.DefaultRetainedBytes;
        _stopping = runtime.Engine.Stopping; // the runtime's StopRunningCalls stops Lua calls too
        var chunk = descriptor.SourceFile is { } file ? "@" + file.Replace("file://", "", StringComparison.Ordinal) : "=" + descriptor.Id;
        _pool = new EntryPool<LuaWorker>(descriptor.Id, descriptor.Pool, () => NewState(runtime, chunk));
        try
        {
            // Compile and run the source once now: a broken entry fails its load, not its first call. The state made
            // for that serves the first call (an inline pool disposes it: each of its calls gets a new state).
            _pool.Adopt(NewState(runtime, chunk));
        }
        catch (WippyException e)
        {
            LoadError = new WippyException(ErrorKind.Unavailable, descriptor.Id, "the entry failed to load: " + e.Detail, e);
            Observability.WippyLog.EntryLoadFailed(observer.Logger, descriptor.Id, e.Detail);
        }
    }

    /// <summary>A new Lua state with the entry's source run in it (timed: metric wippy.instantiation.duration, event 2).</summary>
    private LuaWorker NewState(WippyRuntime runtime, string chunk)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var worker = LuaWorker.Create(runtime, Descriptor.Id, Descriptor.Source, chunk, Descriptor.Method, Descriptor.Modules, _memoryLimit);
        Observer.Instantiated(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, _pool.Busy, _pool.Idle);
        return worker;
    }

    /// <summary>The entry's descriptor.</summary>
    public new LuaFunctionDescriptor Descriptor => (LuaFunctionDescriptor)base.Descriptor;

    /// <inheritdoc />
    public override int Busy => _pool.Busy;

    /// <inheritdoc />
    public override int Queued => _pool.Queued;

    /// <inheritdoc />
    public override int WaitingForRoom => _pool.WaitingForRoom;

    /// <summary>Lua states waiting for a call now.</summary>
    public override int Idle => _pool.Idle;

    /// <summary>
    /// Calls the function with JSON values (objects become tables, arrays 1-based arrays) and writes its first
    /// result as JSON. A function returning <c>nil, err</c> fails the call with <c>err</c>.
    /// </summary>
    /// <exception cref="WippyException">The call failed: Invalid for values that cannot cross, the kind of an error object, Internal for a Lua error.</exception>
    public override void CallJson(ReadOnlySpan<JsonElement> args, Utf8JsonWriter writer)
    {
        var (worker, started) = Take();
        var call = new CallOutcome();
        try
        {
            var L = worker.L;
            var top = LuaApi.lua_gettop(L);
            try
            {
                LuaValues.Reserve(L, args.Length + 2);
                LuaApi.lua_rawgeti(L, LuaApi.LUA_REGISTRYINDEX, worker.Function);
                for (var i = 0; i < args.Length; i++) LuaData.PushJson(L, args[i]);
                Run(worker, args.Length, ref call);
                var results = LuaApi.lua_gettop(L) - top;
                if (results >= 2 && LuaApi.lua_type(L, top + 1) == LuaApi.LUA_TNIL && LuaApi.lua_type(L, top + 2) != LuaApi.LUA_TNIL)
                {
                    throw LuaErrors.Describe(L, top + 2, Id).WithEntry(Id);
                }
                LuaData.WriteJson(L, top + 1, writer, "result");
                call.Completed = true;
            }
            finally
            {
                LuaApi.lua_settop(L, top);
            }
        }
        catch (WippyException e)
        {
            call.Failure = e.Kind;
            throw e.WithEntry(Id);
        }
        finally
        {
            Release(worker, call, started);
        }
    }

    /// <summary>
    /// A typed call from C# (the generated proxy of an entry with a <c>wit:</c> signature): pushes the arguments with
    /// <paramref name="write"/>, runs the function, reads its results with <paramref name="read"/>. A function returning
    /// <c>nil</c> and an error object (a failed <c>funcs.call</c>) fails the call with that error.
    /// </summary>
    /// <exception cref="WippyException">The call failed; Invalid when a result does not fit the signature (with its path).</exception>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
    public TResult Invoke<TArgs, TResult>(TArgs args, LuaArgsWriter<TArgs> write, LuaResultReader<TResult> read)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(read);
        var (worker, started) = Take();
        var call = new CallOutcome();
        try
        {
            var L = worker.L;
            var top = LuaApi.lua_gettop(L);
            try
            {
                LuaValues.Reserve(L, 8);
                LuaApi.lua_rawgeti(L, LuaApi.LUA_REGISTRYINDEX, worker.Function);
                Run(worker, write(L, args), ref call);
                var results = LuaApi.lua_gettop(L) - top;
                if (results >= 2 && LuaApi.lua_type(L, top + 1) == LuaApi.LUA_TNIL && LuaData.IsErrorObject(L, top + 2))
                {
                    throw LuaErrors.Describe(L, top + 2, Id).WithEntry(Id);
                }
                var result = read(L, top + 1, results);
                call.Completed = true;
                return result;
            }
            finally
            {
                LuaApi.lua_settop(L, top);
            }
        }
        catch (WippyException e)
        {
            call.Failure = e.Kind;
            throw e.WithEntry(Id);
        }
        finally
        {
            Release(worker, call, started);
        }
    }

    /// <summary>
    /// A call from Lua code in another state (<paramref name="caller"/>): copies its arguments (stack slots
    /// <paramref name="first"/>…), runs the function, and pushes copies of all its results onto the caller's stack.
    /// </summary>
    internal override int CallFromLua(nint caller, int first, int count)
    {
        var (worker, started) = Take();
        var call = new CallOutcome();
        try
        {
            var L = worker.L;
            var top = LuaApi.lua_gettop(L);
            try
            {
                LuaValues.Reserve(L, count + 2);
                LuaApi.lua_rawgeti(L, LuaApi.LUA_REGISTRYINDEX, worker.Function);
                for (var i = 0; i < count; i++) LuaData.Copy(caller, first + i, L, "arg" + (i + 1));
                Run(worker, count, ref call);
                var results = LuaApi.lua_gettop(L) - top;
                LuaValues.Reserve(caller, results + 2);
                for (var i = 0; i < results; i++) LuaData.Copy(L, top + 1 + i, caller, "result" + (i + 1));
                call.Completed = true;
                return results;
            }
            finally
            {
                LuaApi.lua_settop(L, top);
            }
        }
        catch (WippyException e)
        {
            call.Failure = e.Kind;
            throw;
        }
        finally
        {
            Release(worker, call, started);
        }
    }

    /// <summary>
    /// How a call went: whether the state is intact (false only while the Lua function runs and when it raised or was
    /// stopped; a bad argument or result leaves it intact) and whether the call succeeded.
    /// </summary>
    private struct CallOutcome
    {
        public bool Intact;
        public bool Completed;
        public ErrorKind Failure;

        public CallOutcome()
        {
            Intact = true;
            Failure = ErrorKind.Internal;
        }
    }

    /// <summary>
    /// A state for one call, and the timestamp its duration is measured from; a failure before the call is counted.
    /// The wait for a free state is bounded by the calling call (<see cref="Execution.CallCancellation.Ambient"/>): a call made from
    /// Lua code that holds the only state of this pool (a function calling itself on a static pool of one) would
    /// otherwise wait for ever; it fails with Timeout when the caller's limit passes or the caller is cancelled.
    /// </summary>
    private (LuaWorker Worker, long Started) Take()
    {
        try
        {
            if (_policy is { } policy) CallAuthorization.Check(policy, Id);
            if (LoadError is not null) throw LoadError;
            return (_pool.Rent(Execution.CallCancellation.Ambient), Observer.StartTiming());
        }
        catch (WippyException e)
        {
            Observer.Called(false, e.Kind, 0);
            throw;
        }
    }

    /// <summary>
    /// Gives the state back, kept warm unless its function raised an error or was stopped (a returned <c>nil, err</c>
    /// or a value that could not cross keeps it): such a state may hold half-updated globals, so it is closed and
    /// replaced, as a WebAssembly instance is after a failed call. So is a state that reached its memory limit during
    /// the call or holds more than <c>limits.max_retained_memory_bytes</c> (<see cref="LuaWorker.ReplaceAfterCall"/>).
    /// Counts the call.
    /// </summary>
    private void Release(LuaWorker worker, CallOutcome call, long started)
    {
        worker.Futures.EndCall();
        worker.EndProcessCall();
        var replace = call.Intact ? worker.ReplaceAfterCall(_retainedMemory) : "a failed call (" + call.Failure + ")";
        if (replace is not null) Observability.WippyLog.InstanceReplaced(Observer.Logger, Id, replace);
        _pool.Return(worker, replace is null);
        Observer.Called(call.Completed, call.Failure, started);
    }

    /// <summary>Creates the entry's first states now (<c>warm_start</c>): static pools all their workers, the others one.</summary>
    internal override void Warm()
    {
        if (LoadError is not null) return;
        _pool.Warm(Descriptor.Pool.WarmCount);
        Observability.WippyLog.WarmStarted(Observer.Logger, Id, Idle);
    }

    /// <summary>Closes states idle for <paramref name="idleTimeout"/> (lazy: all; adaptive: all but one; static: none).</summary>
    internal override int RetireIdle(TimeSpan idleTimeout)
    {
        var retired = _pool.Retire(idleTimeout);
        if (retired > 0) Observability.WippyLog.InstancesRetired(Observer.Logger, Id, retired, Idle);
        return retired;
    }

    /// <summary>
    /// Calls the function pushed below <paramref name="args"/> arguments, stopped at <c>limits.max_execution_ms</c> or
    /// when the caller cancels (<see cref="LuaInterrupt"/>: Timeout) or the runtime stops (Unavailable), and held to the state's memory limit
    /// (<see cref="LuaMemory"/>: Trap); a Lua error becomes the exception. The state counts as intact
    /// (<paramref name="call"/>) again only when the function returned.
    /// </summary>
    private void Run(LuaWorker worker, int args, ref CallOutcome call)
    {
        var L = worker.L;
        using var interrupt = LuaInterrupt.Arm(worker, _limit, _stopping);
        call.Intact = false; // until the function returns: an error or a stop may leave its globals half updated
        int status;
        using (worker.Memory.Enforce()) status = LuaApi.lua_pcallk(L, args, LuaApi.LUA_MULTRET, 0, 0, 0);
        if (status != LuaApi.LUA_OK)
        {
            if (interrupt is { Fired: true }) throw interrupt.Error(Id);
            if (status == LuaApi.LUA_ERRMEM || worker.Memory.Refused) throw LuaErrors.OutOfMemory(L, -1, Id, worker.Memory.Limit);
            throw LuaErrors.Describe(L, -1, Id).WithEntry(Id);
        }
        call.Intact = true;
    }

    /// <summary>The bytes each idle Lua state holds (for tests and diagnostics).</summary>
    internal IReadOnlyList<long> IdleStateBytes() => _pool.IdleInstances().Select(w => w.Memory.Used).ToArray();

    /// <summary>Closes every Lua state.</summary>
    public override void Dispose() => _pool.Dispose();
}
