using Wippy.Host.Native;

namespace Wippy.Host.Execution;

/// <summary>What every instance of an entry has, whatever it runs: its own store, and the watch that stops it.</summary>
internal interface IGuestInstance : IDisposable
{
    /// <summary>The instance's store.</summary>
    WasmStore GuestStore { get; }

    /// <summary>Stops the store's wasm at a call's time limit or cancellation; null when the engine has no epochs.</summary>
    WasmInterruptWatch? GuestWatch { get; }

    /// <summary>The instance's WASI (variables it was made with, output), or null when the guest imports none.</summary>
    Wasi.GuestWasiState? Wasi { get; }
}
