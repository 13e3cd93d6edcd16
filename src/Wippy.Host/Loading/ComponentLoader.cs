using Wippy.Host.GeneratedCode;
using Wippy.Host.Execution;
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
    /// <summary>
    /// What a direct call runs: the core module to instantiate (a component that is one core module without imports),
    /// or the planned component (its core modules and the C# implementations of its imports, found in
    /// <paramref name="services"/>). Throws <see cref="WippyException"/> naming the entry on any failure.
    /// </summary>
    public static (WasmModule? Module, PlannedComponent? Planned) LoadDirect(WasmEngine engine, FunctionDescriptor d, byte[] bytes, IServiceProvider? services, CompiledCache? cache = null)
    {
        // Wasmtime compiles (validates) the whole component; the direct path then only keeps its core modules.
        Check(engine, d, bytes, cache, out var plan).Dispose();
        if (plan.DirectCoreModule is not { } core || plan.DirectCoreExport != d.Export)
        {
            throw new WippyException(ErrorKind.Invalid, d.Id,
                $"the proxy calls the component's core export '{d.Export}' directly, but {(plan.DirectProblem ?? $"the function lifts '{plan.DirectCoreExport}'")}; rebuild the app against this component");
        }
        if (!plan.IsPlanned) return (CheckedCore(d, FunctionLoader.Compile(engine, core, cache)), null);
        var modules = new List<WasmModule>();
        try
        {
            foreach (var bytesOfModule in plan.Binary.CoreModules) modules.Add(FunctionLoader.Compile(engine, bytesOfModule, cache));
            // (its modules import what the plan gives them: each other's exports and the lowered imports)
            FunctionLoader.CheckExport(d, modules[plan.DirectCoreModuleIndex!.Value]);
            // Each lowered import served by the app's generated adapter, or, for WASI, by the host's own WASI at core level.
            // Those that may wait (WASI's waits, imports the app implements only as I…Async) suspend the guest on a fiber,
            // except on a pooling engine (see LoadProgram), where they block its thread.
            var onFibers = engine.Options.PoolingAllocator is null;
            var lowers = plan.Binary.CorePlan.Lowers;
            // WASI's waits suspend only a guest that can wait on something outside the host (wasi:io/poll, wasi:http):
            // without those its blocking stream calls answer at once, and it stays off fibers.
            var wasiWaits = onFibers && lowers.Any(l => Modules.Components.WaitingImports.CanWait(l.Import));
            var imports = new CoreHostFunction[lowers.Count];
            var wasiWaiting = new WasiHost.Core.CoreWasiImport?[lowers.Count];
            var waiting = new List<int>();
            for (var i = 0; i < lowers.Count; i++)
            {
                var l = lowers[i];
                if (l.Import is { } wasi && Wasi.WasiLinking.IsWasi(wasi))
                {
                    wasiWaiting[i] = wasiWaits ? WasiHost.Core.CoreWasi.Waiting(d, plan.Binary, l) : null;
                    imports[i] = wasiWaiting[i]?.Blocking ?? WasiHost.Core.CoreWasi.Import(d, plan.Binary, l);
                    if (wasiWaiting[i] is not null) waiting.Add(i);
                }
                else
                {
                    imports[i] = ComponentImportLinker.CoreImport(d, l.Import, l.Function, services);
                    if (onFibers && ComponentImportLinker.WaitsFor(d, l.Import, l.Function, services)) waiting.Add(i);
                }
            }
            var fibers = waiting.Count == 0 ? null
                : CoreFiberPlan.Create(engine, plan.Binary.CorePlan, modules, waiting.ToArray(), modules[plan.DirectCoreModuleIndex!.Value], d.Export!);
            return (null, new PlannedComponent(d.Id, plan.Binary.CorePlan, plan.Function.Lift!, modules.ToArray(), imports, fibers, wasiWaiting));
        }
        catch
        {
            foreach (var module in modules) module.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The component compiled, with a linker defining every function it imports: through the C# implementation the
    /// app registered (<see cref="FunctionDescriptor.ComponentImports"/>, found in <paramref name="services"/>), or a
    /// stub that fails the call with an error naming the import (so a component importing what it never calls still
    /// loads). Throws <see cref="WippyException"/> naming the entry on any failure.
    /// </summary>
    public static ComponentProgram LoadProgram(
        WasmEngine engine, FunctionDescriptor d, byte[] bytes, IServiceProvider? services, WasiHost.Http.OutboundHosts outboundHosts,
        CompiledCache? cache = null, bool wasmtimeWasi = false)
    {
        var component = Check(engine, d, bytes, cache, out var plan);
        var linker = new WasmComponentLinker(engine);
        try
        {
            // Waits (WASI's and async C# imports') suspend the guest on a fiber, except on a pooling engine: its fibers' stacks come from Wasmtime's pool,
            // not from FiberStacks, and C# host functions are not safe on those (docs/architecture.md, "Guests on fibers").
            var onFibers = engine.Options.PoolingAllocator is null;
            var wasi = Wasi.WasiLinking.DefineComponent(linker, d, plan.Binary, outboundHosts, ownHost: !wasmtimeWasi, onFibers);
            wasi |= ComponentImportLinker.DefineImports(linker, d, plan.Binary, services, onFibers);
            return new ComponentProgram(component, linker, plan.Function.Key) { Wasi = wasi };
        }
        catch (Exception e) when (e is WasmtimeException or InvalidOperationException)
        {
            linker.Dispose();
            component.Dispose();
            throw new WippyException(ErrorKind.Invalid, d.Id, "the component's imports cannot be linked: " + e.Message, e);
        }
        catch
        {
            linker.Dispose();
            component.Dispose();
            throw;
        }
    }

    /// <summary>Validates the component, finds <c>method</c>, and checks its type against the proxy's; returns the compiled component.</summary>
    private static WasmComponent Check(WasmEngine engine, FunctionDescriptor d, byte[] bytes, CompiledCache? cache, out ComponentPlan plan)
    {
        var info = d.Component!;
        if (!WasmBinaryHeader.IsComponent(bytes))
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"{d.Source} is not a WebAssembly component, but the app was built for one; rebuild the app");
        }
        WasmComponent component;
        try
        {
            component = cache?.Component(engine, bytes, () => WasmComponent.FromBytes(engine, bytes)) ?? WasmComponent.FromBytes(engine, bytes);
        }
        catch (WasmtimeException e)
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"{d.Source} is not a valid WebAssembly component: {e.Message}", e);
        }
        try
        {
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
            foreach (var (key, expected) in info.MemberFingerprints)
            {
                var actual = plan.Binary.FindFunction(key)?.Fingerprint;
                if (actual == expected) continue;
                throw new WippyException(ErrorKind.Invalid, d.Id, actual is null
                    ? $"the component exports no '{key}', which the generated resource class calls; rebuild the app against this component"
                    : $"the component's '{key}' has the type {actual}, but the generated resource class calls it as {expected}; rebuild the app against this component");
            }
            return component;
        }
        catch
        {
            component.Dispose();
            throw;
        }
    }

    private static WasmModule CheckedCore(FunctionDescriptor d, WasmModule module)
    {
        try
        {
            FunctionLoader.CheckModule(d, module);
            return module;
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }
}
