using Wippy.Host.Execution;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.GeneratedCode;

/// <summary>
/// One call into a component through Wasmtime's component model, as seen by generated code: arguments and results
/// are <see cref="ComponentVal"/>s (Wasmtime's value layout, written and read by generated code without a boxed
/// value tree). Obtained from <see cref="WasmFunctionHandle.BeginComponent()"/>; always finished with <see cref="End"/>.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public struct ComponentCall
{
    private readonly ComponentModelExecution _execution;
    private ComponentInstance? _instance;
    private readonly WasmComponentFunction? _function; // another export than the entry's (a resource's method), or null
    private readonly string? _entryId; // the entry called, when it is not the instance's (a function run where its resource lives)
    private bool _completed;
    private ErrorKind _failure;
    private readonly long _started;

    internal ComponentCall(ComponentModelExecution execution, ComponentInstance instance)
    {
        _execution = execution;
        _instance = instance;
        _failure = ErrorKind.Internal;
        _started = execution.Observer.StartTiming();
    }

    /// <summary>
    /// A call of another export than the entry's, <paramref name="function"/>: on an instance from the pool (a
    /// resource's constructor or static function), or on an instance a <see cref="ResourceLease"/> keeps for its resources.
    /// </summary>
    /// <param name="execution">The entry whose instance runs the call.</param>
    /// <param name="instance">The instance.</param>
    /// <param name="function">The export called.</param>
    /// <param name="entryId">The entry its errors name, when another than <paramref name="execution"/>'s (null: that one).</param>
    internal ComponentCall(ComponentModelExecution execution, ComponentInstance instance, WasmComponentFunction function, string? entryId = null)
        : this(execution, instance)
    {
        _function = function;
        _entryId = entryId;
    }

    /// <summary>The entry being called.</summary>
    public readonly string EntryId => _entryId ?? _execution.Id;

    /// <summary>
    /// Calls the function. The arguments (built with the <c>ComponentVal.Owned…</c> factories) are released
    /// afterwards, whatever happens; each result slot then holds a value Wasmtime owns, which the caller releases
    /// with <see cref="ComponentVal.Release(Span{ComponentVal})"/> after reading it.
    /// </summary>
    /// <exception cref="WippyException">Trap when the guest trapped; the error of an import implementation that failed; Internal otherwise.</exception>
    public readonly void Invoke(Span<ComponentVal> args, Span<ComponentVal> results)
    {
        var instance = _instance ?? throw Ended();
        instance.Lease?.Entered();
        try
        {
            var function = _function ?? instance.Function;
            if (instance.OnFibers) FiberCalls.Call(instance, function, args, results);
            else function.Call(args, results);
        }
        catch (WasmtimeException e)
        {
            throw Failure(instance, e);
        }
        finally
        {
            ComponentVal.Release(args);
        }
    }

    /// <summary>
    /// Whether the guest runs on a fiber (it imports functions that wait): then <see cref="InvokeAsync"/> frees the
    /// caller's thread while the guest waits. Otherwise the async path gains nothing over <see cref="Invoke"/>.
    /// </summary>
    public readonly bool RunsOnFiber => _instance?.OnFibers ?? false;

    /// <summary>
    /// Like <see cref="Invoke"/>, for a guest that <see cref="RunsOnFiber"/>: while the guest waits (a sleep, a poll,
    /// an HTTP response) it is suspended and no thread is held; it resumes on the thread that completes what it waits
    /// for. The call's time limit and cancellation end such a wait. Arrays rather than spans, as they live across awaits.
    /// </summary>
    /// <exception cref="WippyException">As for <see cref="Invoke"/>.</exception>
    public readonly async ValueTask InvokeAsync(ComponentVal[] args, ComponentVal[] results)
    {
        var instance = _instance ?? throw Ended();
        instance.Lease?.Entered();
        try
        {
            var function = _function ?? instance.Function;
            if (instance.OnFibers) await FiberCalls.CallAsync(instance, function, args, results).ConfigureAwait(false);
            else function.Call(args, results);
        }
        catch (WasmtimeException e)
        {
            throw Failure(instance, e);
        }
        finally
        {
            ComponentVal.Release(args);
        }
    }

    /// <summary>
    /// A new owned handle, in the call's store, of the host resource <paramref name="value"/>, to pass as an argument
    /// (the request and response outparam of a <c>wasi:http/incoming-handler</c> call). The guest owns it once the
    /// call starts; if the call never starts, the store's resource table disposes it with the store.
    /// </summary>
    internal readonly ComponentVal OwnHostResource(HostInterfaces.HostResourceType type, object value)
    {
        var instance = _instance ?? throw Ended();
        var context = instance.Store.Context;
        var state = WasmStore.HostStateOf(context) as HostInterfaces.HostState
            ?? throw new WippyException(ErrorKind.Internal, EntryId, "the instance's store has no host state for host resources");
        try
        {
            return new HostInterfaces.HostCall(context, state, type.ToString()).Own(type, value);
        }
        catch (HostInterfaces.HostResourceException e)
        {
            throw new WippyException(ErrorKind.Internal, EntryId, $"a {type} could not be given to the guest: {e.Message}", e);
        }
    }

    private static InvalidOperationException Ended() =>
        new("This ComponentCall has ended; get a new one from WasmFunctionHandle.BeginComponent().");

    /// <summary>The error a failed call gives its caller, by what failed.</summary>
    private readonly Exception Failure(ComponentInstance instance, WasmtimeException e)
    {
        if (e is WasmTrapException trap) return new WippyException(ErrorKind.Trap, EntryId, CoreCall.TrapReason(trap), e);
        if (GuestHandleMisuse(e.Message)) return new WippyException(ErrorKind.Trap, EntryId, "the guest misused a resource handle: " + e.Message, e);
        if (e.Message.Contains(SeveralBorrowsError, StringComparison.Ordinal))
        {
            return new WippyException(ErrorKind.Unavailable, EntryId,
                "the guest lent more than one handle to a function the host implements (a list of borrows, or two borrow parameters), " +
                "which Wasmtime 50.0.1's C API cannot pass to a host function; one borrow per call works, and so do own handles", e);
        }
        if (instance.Watch is { Reason: not WasmInterruptReason.None } watch) return CoreCall.Interrupted(EntryId, watch, e);
        if (e.ExitStatus is { } status) return CoreCall.Exited(EntryId, status, e);
        if (e.InnerException is WippyException inner)
        {
            // An import's implementation (or stub) failed: the call fails with its error (naming the other entry
            // when the failure came from a call the implementation made to one).
            var fromAnother = inner.EntryId is { } other && other != EntryId;
            return new WippyException(inner.Kind, EntryId, fromAnother ? inner.Message : inner.Detail, e) { ExitCode = fromAnother ? null : inner.ExitCode };
        }
        return new WippyException(ErrorKind.Internal, EntryId, "the call failed: " + e.Message, e);
    }

    /// <summary>
    /// Whether Wasmtime refused the call because of the guest's own handle table: a handle dropped twice, used after its
    /// drop or never given, a borrow where an own is needed, borrows not ended by the end of a call. Wasmtime reports these
    /// as errors, not trap codes; they are the guest's misuse, a trap as on the planned path (these are its messages).
    /// </summary>
    private static bool GuestHandleMisuse(string message) => GuestHandleErrors.Any(m => message.Contains(m, StringComparison.Ordinal));

    /// <summary>
    /// Wasmtime 50.0.1's failure to lift more than one borrowed handle into a host function defined through its C API
    /// (before any C# runs): a limit of the engine's C API, not the guest's fault.
    /// </summary>
    private const string SeveralBorrowsError = "deferred host scope has no call context";

    /// <summary>Wasmtime's messages for a guest's misuse of its handle table (its <c>handle_table.rs</c> and <c>resources.rs</c>).</summary>
    private static readonly string[] GuestHandleErrors =
    [
        "unknown handle index",
        "is not a resource",
        "is not an own resource",
        "cannot remove owned resource while borrowed",
        "cannot lift own resource from a borrow",
        "borrow handles still remain at the end of the call",
    ];

    /// <summary>An Invalid error naming the entry, for a value that cannot cross (<paramref name="message"/> starts with its path).</summary>
    public readonly WippyException Invalid(string message) => new(ErrorKind.Invalid, EntryId, message);

    /// <summary>Marks the call as completed: <see cref="End"/> then keeps the instance warm for the next call.</summary>
    public void Complete() => _completed = true;

    /// <summary>Records why the call failed (for metrics); <see cref="End"/> then drops the instance.</summary>
    public void Failed(ErrorKind kind) => _failure = kind;

    /// <summary>Whether the call runs on the instance <paramref name="lease"/> keeps.</summary>
    internal readonly bool IsOn(ResourceLease lease) => _instance is { } instance && ReferenceEquals(instance.Lease, lease);

    /// <summary>
    /// Takes a resource the guest returned (the <c>own</c> handle <paramref name="value"/>, in a result, which still
    /// releases as usual) into a <see cref="GuestResource"/> the caller keeps: from now on the instance stays with its
    /// resources, out of the pool, until the last is disposed.
    /// </summary>
    public readonly GuestResource TakeResource(in ComponentVal value, string typeName)
    {
        var instance = _instance ?? throw Ended();
        // Kept on the instance, not in this struct: generated code passes copies of the call around.
        var lease = instance.Lease ??= new ResourceLease(_execution, instance);
        // A copy of Wasmtime's handle (the same resource): the result's own copy goes with the results' release.
        return lease.Adopt(ComponentApi.wasmtime_component_resource_any_clone(value.AsResourcePointer()), typeName);
    }

    /// <summary>
    /// Gives the instance back: to the warm pool after a completed call, to disposal after anything else; when the
    /// instance holds resources the host keeps, to them (<see cref="ResourceLease"/>).
    /// </summary>
    public void End()
    {
        if (_instance is { } instance)
        {
            _instance = null;
            var failure = CallCancellation.FailureKind(instance.Watch, _completed, _failure);
            if (instance.Lease is { } lease) lease.CallEnded(_completed, failure);
            else _execution.Return(instance, _completed, failure);
            _execution.Observer.Called(_completed, failure, _started);
        }
    }
}

/// <summary>
/// Thrown by generated conversions when a C# value cannot become a component value (a null string, an undefined
/// enum value…): the message starts with the value's path. The caller turns it into an Invalid error naming the
/// entry or the import.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class ComponentValueException(string message) : Exception(message);
