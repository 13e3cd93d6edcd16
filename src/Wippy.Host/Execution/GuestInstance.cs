using Wippy.Host.Native;
using Wippy.Host.Wasi;

namespace Wippy.Host.Execution;

/// <summary>
/// What every instance of an entry has, whatever it runs: its own store, the watch that stops it, and its WASI.
/// A base class with plain fields rather than an interface: the pool code is generic over the instance type and
/// reads these on every call, and a field read costs nothing where an interface call in shared generic code does.
/// </summary>
internal abstract class GuestInstance(WasmStore store, WasmInterruptWatch? watch, GuestWasiState? wasi) : IDisposable
{
    /// <summary>The instance's store.</summary>
    public readonly WasmStore Store = store;

    /// <summary>Stops the store's wasm at a call's time limit or cancellation; null when the engine has no epochs.</summary>
    public readonly WasmInterruptWatch? Watch = watch;

    /// <summary>The instance's WASI (variables it was made with, output), or null when the guest imports none.</summary>
    public readonly GuestWasiState? Wasi = wasi;

    /// <summary>Deletes the store, and with it the instance.</summary>
    public void Dispose()
    {
        Watch?.EndCall();
        Store.Dispose();
    }
}
