using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.Execution;

/// <summary>
/// A component entry called through Wasmtime's component model: the compiled component, the linker that defines
/// each of its imports (a C# implementation, or a stub that fails the call naming the import), and where the
/// entry's function is among its exports. Instances are made from it, one store each.
/// </summary>
internal sealed class ComponentProgram : IDisposable
{
    public ComponentProgram(WasmComponent component, WasmComponentLinker linker, string functionKey)
    {
        Component = component;
        Linker = linker;
        FunctionKey = functionKey;
    }

    public WasmComponent Component { get; }

    public WasmComponentLinker Linker { get; }

    /// <summary>The function's full name: <c>add</c>, or <c>wippy:calc/math@1.2.3#describe</c> for a function of an exported interface.</summary>
    public string FunctionKey { get; }

    /// <summary>What each store needs before the component is instantiated in it (the WASI it imports).</summary>
    public Wasi.WasiLinking.Needs Wasi { get; init; }

    public void Dispose()
    {
        Linker.Dispose();
        Component.Dispose();
    }
}
