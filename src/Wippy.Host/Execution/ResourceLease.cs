using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Execution;

/// <summary>
/// An instance that made resources the host keeps (<see cref="GuestResource"/>s). A resource handle means something
/// only in the store that made it, so the instance stays out of its pool while any of them lives, and every call that
/// touches one runs on it, one at a time (its turn). After the last one is disposed the instance goes back to the pool;
/// after a failed call (a trap poisons a component instance) its resources are dead, and the instance is discarded once
/// they are all disposed.
/// </summary>
internal sealed class ResourceLease
{
    private readonly ComponentModelExecution _execution;
    private readonly ComponentInstance _instance;
    private readonly SemaphoreSlim _turn = new(0, 1); // made during the call that returned the first resource: taken
    private int _live; // resources alive; changed only by whoever has the turn
    private string? _broken; // why the instance can no longer be called
    private bool _entered; // the call that has the turn entered the guest (kept here: generated code copies the call)
    private bool _abandoned; // the instance was discarded with its entry: nothing goes back to the pool
    private List<GuestResource>? _giving; // own arguments of the call that has the turn, moved to the guest when it enters

    private const string DestructorsSkipped =
        "resources it made were disposed without their destructors (Wasmtime's C API cannot run one on a guest on fibers)";

    /// <summary>How long <see cref="Abandon"/> waits for a call in progress to end (the runtime stops it first).</summary>
    private static readonly TimeSpan AbandonWait = TimeSpan.FromSeconds(5);

    public ResourceLease(ComponentModelExecution execution, ComponentInstance instance)
    {
        _execution = execution;
        _instance = instance;
        execution.Track(this);
    }

    /// <summary>
    /// The entry is disposed while C# still holds resources of this instance: the instance is discarded now, and the
    /// resources are dead (Unavailable; disposing them only frees the host's handles).
    /// </summary>
    public void Abandon()
    {
        if (!_turn.Wait(AbandonWait)) return; // a call still runs: its end gives the instance back to the stopped pool
        try
        {
            if (_abandoned) return;
            _abandoned = true;
            _broken ??= "the instance holding this resource is gone: its runtime was disposed";
            _instance.Lease = null;
            _instance.Dispose();
            _execution.Untrack(this);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>The entry whose instance this is.</summary>
    public string EntryId => _execution.Id;

    /// <summary>Takes <paramref name="resourceAny"/> (an <c>own</c> the guest returned) into a resource the caller keeps. The caller has the turn.</summary>
    public GuestResource Adopt(nint resourceAny, string typeName)
    {
        _live++;
        return new GuestResource(this, resourceAny, typeName);
    }

    /// <summary>
    /// Begins a call of the instance's export <paramref name="key"/> (a method of one of its resources, or a function
    /// taking one), waiting for the instance's turn; the call's <see cref="ComponentCall.End"/> gives the turn back.
    /// </summary>
    /// <exception cref="WippyException">Unavailable when an earlier call on the instance failed; Internal when the component exports no such function.</exception>
    /// <param name="key">The export.</param>
    /// <param name="entryId">The entry the call's errors name (null: the instance's).</param>
    public ComponentCall Begin(string key, string? entryId = null)
    {
        _turn.Wait(CallCancellation.Ambient);
        return Began(key, entryId);
    }

    /// <summary>
    /// Like <see cref="Begin"/>, waiting for the instance's turn without holding a thread (completes synchronously when
    /// it is free); <paramref name="cancellationToken"/> ends the wait.
    /// </summary>
    public ValueTask<ComponentCall> BeginAsync(string key, string? entryId, CancellationToken cancellationToken)
    {
        try
        {
            if (_turn.Wait(0)) return new ValueTask<ComponentCall>(Began(key, entryId));
        }
        catch (Exception e)
        {
            return ValueTask.FromException<ComponentCall>(e);
        }
        return Awaited();

        async ValueTask<ComponentCall> Awaited()
        {
            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            return Began(key, entryId);
        }
    }

    /// <summary>The call, once its caller has the turn (given back here when it cannot begin).</summary>
    private ComponentCall Began(string key, string? entryId)
    {
        try
        {
            if (_broken is { } why) throw new WippyException(ErrorKind.Unavailable, entryId ?? EntryId, why);
            var function = _instance.Export(key)
                ?? throw new WippyException(ErrorKind.Internal, EntryId, $"the component exports no function '{key}'; rebuild the app");
            _execution.ArmOutsidePool(_instance);
            return new ComponentCall(_execution, _instance, function, entryId);
        }
        catch
        {
            _turn.Release();
            throw;
        }
    }

    /// <summary>
    /// <paramref name="resource"/> is an <c>own</c> argument of the call that has the turn: it moves to the guest when
    /// the call enters it (<see cref="Entered"/>), not before, so a call failing on a later argument loses nothing.
    /// </summary>
    /// <exception cref="ComponentValueException">It is already given in this call (one handle cannot move twice).</exception>
    public void Giving(GuestResource resource, string what)
    {
        _giving ??= new List<GuestResource>();
        if (_giving.Contains(resource)) throw new ComponentValueException($"{what}: this {resource.TypeName} is given to the guest twice in one call");
        _giving.Add(resource);
    }

    /// <summary>The call that has the turn enters the guest: the resources given to it are the guest's now.</summary>
    public void Entered()
    {
        _entered = true;
        if (_giving is not { Count: > 0 } given) return;
        foreach (var resource in given)
        {
            if (resource.Given()) _live--;
        }
        given.Clear();
    }

    /// <summary>
    /// A call on the instance ended (its caller has the turn): one that failed in the guest breaks the instance (one
    /// that failed before entering it, on a bad argument, leaves it as it was, and its resources with their owners);
    /// the turn is given back, or the instance when no resource is left.
    /// </summary>
    public void CallEnded(bool completed, ErrorKind failure)
    {
        _giving?.Clear();
        var entered = _entered;
        _entered = false;
        if (!completed && entered) _broken ??= $"the instance holding this resource can no longer be called: a call on it failed ({failure}), and its resources went with it";
        if (_live == 0) GiveBack(completed && _broken is null, failure); // a failed call may have left a given resource behind
        else _turn.Release();
    }

    /// <summary>
    /// A resource was disposed: ended in the guest (its destructor runs) unless <paramref name="drop"/> is false or the
    /// instance is broken; its handle is deleted. The last one gives the instance back.
    /// </summary>
    /// <remarks>
    /// On a guest that runs on fibers the destructor cannot run: Wasmtime's C API (50.0.1) drops a resource only
    /// synchronously, which such a store refuses ("store configuration requires that `*_async` functions are used
    /// instead"). The resource is then let go without it, and the instance is discarded after its last resource rather
    /// than kept warm, so nothing the guest held for it outlives the store.
    /// </remarks>
    /// <exception cref="WippyException">The guest's destructor trapped (the instance is then broken).</exception>
    public void Release(nint resourceAny, bool drop)
    {
        _turn.Wait();
        WippyException? failed = null;
        try
        {
            if (drop && _broken is null && _instance.OnFibers) _instance.ReplaceReason ??= DestructorsSkipped;
            else if (drop && _broken is null) failed = Drop(resourceAny);
        }
        finally
        {
            ComponentApi.wasmtime_component_resource_any_delete(resourceAny);
            _live--;
            if (_live == 0) GiveBack(_broken is null, failed?.Kind ?? ErrorKind.Internal);
            else _turn.Release();
        }
        if (failed is not null) throw failed;
    }

    /// <summary>Runs the resource's end in its store, within the entry's limits; a failure breaks the instance.</summary>
    private unsafe WippyException? Drop(nint resourceAny)
    {
        _execution.ArmOutsidePool(_instance);
        nint error;
        try
        {
            error = ComponentApi.wasmtime_component_resource_any_drop(_instance.Store.Context, resourceAny);
        }
        finally
        {
            _instance.Watch?.EndCall();
        }
        if (error == 0) return null;
        var message = ComponentErrors.FromError(error).Message;
        _broken = $"the instance holding this resource can no longer be called: a resource's destructor failed ({message})";
        return new WippyException(ErrorKind.Trap, EntryId, "the guest's destructor of a resource failed: " + message);
    }

    /// <summary>No resource is left: the instance goes back to the pool, kept warm when <paramref name="keep"/>, else discarded.</summary>
    private void GiveBack(bool keep, ErrorKind failure)
    {
        if (_abandoned) return;
        _instance.Lease = null;
        _execution.Untrack(this);
        _execution.Return(_instance, keep, failure);
    }
}
