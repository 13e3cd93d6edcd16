using Wippy.Host.Native;

namespace Wippy.Host.HostInterfaces;

/// <summary>
/// What the host functions of one store share: its resources and the watch of the call running in it (its time limit
/// and its caller's cancellation, which waits inside host functions honour). The store carries it as its data
/// (<see cref="WasmStore.HostStateOf"/>) and disposes it, with every resource the guest still holds, when it goes away.
/// </summary>
internal sealed class HostState(string entryId) : IDisposable
{
    /// <summary>The entry whose instance lives in the store (errors name it).</summary>
    public string EntryId { get; } = entryId;

    /// <summary>The store's host resources.</summary>
    public ResourceTable Resources { get; } = new();

    /// <summary>The store's interrupt watch (null when the engine has no epoch interruption: no limits then).</summary>
    public WasmInterruptWatch? Watch { get; set; }

    /// <summary>What the guest sees through the host's own WASI (null for a guest that imports none).</summary>
    public WasiHost.WasiContext? Wasi { get; set; }

    /// <summary>The process whose instance lives in the store (its mailbox: <c>wippy:actor/process</c>), or null for a function's store.</summary>
    public Processes.LocalProcess? Process { get; set; }

    /// <summary>Disposes the resources left.</summary>
    public void Dispose() => Resources.Dispose();
}
