using Wippy.Host.Native;
using Wippy.Host.Observability;
using Wippy.Host.Registry;
using Wippy.Host.Wasi;

namespace Wippy.Host.Execution;

/// <summary>
/// A function whose guest is a component called through Wasmtime's component model (it imports interfaces, or has
/// several core modules): instances come from the entry's <see cref="ComponentProgram"/>, and generated code passes
/// component values through <see cref="GeneratedCode.ComponentCall"/>.
/// </summary>
internal sealed class ComponentModelExecution(FunctionDescriptor descriptor, WasmEngine engine, ComponentProgram program, EntryObserver observer, GuestWasi? wasi)
    : PooledExecution<ComponentInstance>(descriptor, engine, observer, wasi)
{
    public override string Mode => "a component through the component model";

    /// <summary>Which WASI the component's imports were linked to (the host's own: <see cref="WasiLinking.Needs.Host"/>).</summary>
    internal WasiLinking.Needs WasiLinked => program.Wasi;

    protected override ComponentInstance Create() => ComponentInstance.Create(Engine, program, Descriptor.Id, Descriptor.Limits, Wasi);

    protected override void FreeCode() => program.Dispose();

    protected override string? ReplaceAfterCall(ComponentInstance instance) => instance.ReplaceReason;

    private readonly HashSet<ResourceLease> _leases = new();

    /// <summary>An instance went out of the pool to the resources it made (<see cref="ResourceLease"/>).</summary>
    internal void Track(ResourceLease lease)
    {
        lock (_leases) _leases.Add(lease);
    }

    /// <summary>The instance of <paramref name="lease"/> went back to the pool, or was discarded.</summary>
    internal void Untrack(ResourceLease lease)
    {
        lock (_leases) _leases.Remove(lease);
    }

    /// <summary>The entry is disposed: instances kept for resources C# still holds are discarded now (the resources die).</summary>
    protected override void OnPoolStopped()
    {
        ResourceLease[] leases;
        lock (_leases) leases = [.. _leases];
        foreach (var lease in leases) lease.Abandon();
    }
}
