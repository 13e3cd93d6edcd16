using Wippy.Host.Native;
using Wippy.Host.Native.Components;
using Wippy.Host.Registry;

namespace Wippy.Host.Loading;

/// <summary>
/// Loads a function entry whose module is a component: validates the component with Wasmtime, finds the function
/// <c>method:</c> names, checks its type against the one the proxy was generated for, and, for a component that can
/// be called directly (<see cref="ComponentPlan"/>), compiles its core module for the generated Canonical ABI code.
/// </summary>
internal static class ComponentLoader
{
    /// <summary>The core module to instantiate for direct calls; throws <see cref="WippyException"/> naming the entry on any failure.</summary>
    public static WasmModule LoadDirect(WasmEngine engine, FunctionDescriptor d, byte[] bytes)
    {
        var info = d.Component!;
        if (!WasmBinaryHeader.IsComponent(bytes))
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"{d.Source} is not a WebAssembly component, but the app was built for one; rebuild the app");
        }
        try
        {
            using var _ = WasmComponent.FromBytes(engine, bytes);
        }
        catch (WasmtimeException e)
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"{d.Source} is not a valid WebAssembly component: {e.Message}", e);
        }
        ComponentPlan plan;
        try
        {
            plan = ComponentPlan.Resolve(bytes, info.Method);
        }
        catch (ComponentPlanException e)
        {
            throw new WippyException(ErrorKind.NotFound, d.Id, e.Message);
        }
        if (plan.Function.Fingerprint != info.Fingerprint)
        {
            throw new WippyException(ErrorKind.Invalid, d.Id,
                $"the component's function '{plan.Function.Key}' has the type {plan.Function.Fingerprint}, but the proxy was generated for {info.Fingerprint} ('{d.WitSignature}'); rebuild the app against this component");
        }
        if (plan.DirectCoreModule is not { } core || plan.DirectCoreExport != d.Export)
        {
            throw new WippyException(ErrorKind.Invalid, d.Id,
                $"the proxy calls the component's core export '{d.Export}' directly, but {(plan.DirectProblem ?? $"the function lifts '{plan.DirectCoreExport}'")}; rebuild the app against this component");
        }
        var module = WasmModule.FromBytes(engine, core);
        try
        {
            FunctionLoader.CheckExport(d, module);
            return module;
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }
}
