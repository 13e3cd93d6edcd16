using System.ComponentModel;
using Wippy.Host.Execution;
using Wippy.Host.Native.Components;

namespace Wippy.Host.GeneratedCode;

/// <summary>
/// A resource a guest component defines and gave the host (an <c>own</c> handle), as generated resource classes hold
/// it. It is bound to the instance that made it (<see cref="ResourceLease"/>): that instance stays out of its pool
/// until every such resource is disposed, and calls touching the resource run on it. <see cref="Dispose"/> runs the
/// guest's destructor; a resource never disposed keeps its instance until the garbage collector finds it (its
/// destructor then does not run).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GuestResource : IDisposable
{
    private readonly ResourceLease _lease;
    private nint _handle; // the wasmtime_component_resource_any_t*, 0 once disposed or given to the guest

    internal GuestResource(ResourceLease lease, nint handle, string typeName)
    {
        _lease = lease;
        _handle = handle;
        TypeName = typeName;
    }

    /// <summary>The WIT name of the resource type (<c>counter</c>).</summary>
    public string TypeName { get; }

    /// <summary>Whether it was disposed, or given to the guest as an <c>own</c> argument.</summary>
    public bool IsDisposed => Volatile.Read(ref _handle) == 0;

    /// <summary>Begins a call of export <paramref name="key"/> on the instance holding this resource (a method of it, or a function taking it).</summary>
    /// <exception cref="ObjectDisposedException">The resource was disposed or given away.</exception>
    /// <exception cref="WippyException">Unavailable when an earlier call on its instance failed.</exception>
    public ComponentCall Begin(string key)
    {
        CheckLive();
        return _lease.Begin(key);
    }

    /// <summary>Like <see cref="Begin(string)"/>, for the entry <paramref name="entryId"/>'s function (which takes the resource): its errors name that entry.</summary>
    /// <exception cref="ObjectDisposedException">The resource was disposed or given away.</exception>
    /// <exception cref="WippyException">Unavailable when an earlier call on its instance failed.</exception>
    public ComponentCall Begin(string key, string entryId)
    {
        CheckLive();
        return _lease.Begin(key, entryId);
    }

    /// <summary>
    /// Like <see cref="Begin(string, string)"/>, for an async caller: waits for the instance's turn without holding a
    /// thread (synchronously when it is free); never throws, the task fails instead. <paramref name="entryId"/> null: a
    /// method of the resource.
    /// </summary>
    public ValueTask<ComponentCall> BeginAsync(string key, string? entryId, CancellationToken cancellationToken)
    {
        if (IsDisposed) return ValueTask.FromException<ComponentCall>(Disposed());
        return _lease.BeginAsync(key, entryId, cancellationToken);
    }

    /// <summary>The resource lent for <paramref name="call"/> (a <c>borrow</c> argument), which must run on its instance.</summary>
    /// <exception cref="ObjectDisposedException">The resource was disposed or given away.</exception>
    /// <exception cref="ComponentValueException">The call runs on another instance than the one that made the resource.</exception>
    public ComponentVal Lend(in ComponentCall call, string what)
    {
        var handle = CheckLive();
        CheckSameInstance(call, what);
        return ComponentVal.ResourceOf(ComponentApi.wasmtime_component_resource_any_clone(handle));
    }

    /// <summary>
    /// The resource given to the guest for <paramref name="call"/> (an <c>own</c> argument, which must run on its
    /// instance). The move happens when the call enters the guest, after every argument was made: from then on the guest
    /// owns it and this object is disposed (without running the destructor). If the call fails before (a later argument
    /// cannot cross), this object keeps it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The resource was disposed or given away.</exception>
    /// <exception cref="ComponentValueException">The call runs on another instance than the one that made the resource, or the resource is given twice in it.</exception>
    public ComponentVal Give(in ComponentCall call, string what)
    {
        var handle = CheckLive();
        CheckSameInstance(call, what);
        _lease.Giving(this, what);
        return ComponentVal.ResourceOf(ComponentApi.wasmtime_component_resource_any_clone(handle));
    }

    /// <summary>
    /// The call it was given to entered the guest (whose caller has the turn): the guest owns it now, this object lets go
    /// of its handle. False when it was disposed meanwhile (from another thread): its <see cref="Dispose"/> accounts for it.
    /// </summary>
    internal bool Given()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return false;
        GC.SuppressFinalize(this);
        ComponentApi.wasmtime_component_resource_any_delete(handle);
        return true;
    }

    /// <summary>Ends the resource: the guest's destructor runs (unless its instance failed since); later use throws <see cref="ObjectDisposedException"/>.</summary>
    /// <exception cref="WippyException">Trap: the guest's destructor trapped.</exception>
    public void Dispose()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        GC.SuppressFinalize(this);
        _lease.Release(handle, drop: true);
    }

    /// <summary>Never disposed: the handle is freed and the instance let go (on the thread pool, in its turn), without the destructor.</summary>
    ~GuestResource()
    {
        var handle = Interlocked.Exchange(ref _handle, 0);
        if (handle == 0) return;
        var lease = _lease;
        ThreadPool.UnsafeQueueUserWorkItem(_ => lease.Release(handle, drop: false), null);
    }

    private nint CheckLive()
    {
        var handle = Volatile.Read(ref _handle);
        if (handle == 0) throw Disposed();
        return handle;
    }

    private ObjectDisposedException Disposed() => new(TypeName, $"this {TypeName} was disposed, or given to the guest as an own<{TypeName}> argument");

    private void CheckSameInstance(in ComponentCall call, string what)
    {
        if (!call.IsOn(_lease))
        {
            throw new ComponentValueException(
                $"{what}: this {TypeName} was made by another instance than the one this call runs on; a resource can only be passed back to the instance that made it");
        }
    }
}
