using Wippy.Host.Execution;
using Wippy.Host.Registry;

namespace Wippy.Host.Loading;

/// <summary>
/// Loads a <c>function.wat</c> / <c>function.wasm</c> entry and chooses how its guest runs (<see cref="WasmExecution"/>):
/// a component that imports nothing is called through its core module (<see cref="CoreModuleExecution"/>, as a core
/// module is), a planned one through its core modules wired by the host (<see cref="PlannedComponent"/>), any other
/// component through Wasmtime's component model (<see cref="ComponentModelExecution"/>). The
/// generator made the same choice when it emitted the entry's code (<see cref="FunctionDescriptor.CallsComponentModel"/>).
/// </summary>
internal static class WasmFunctionLoader
{
    /// <summary>The entry loaded, or a handle whose every call fails with why it did not load.</summary>
    public static WasmFunctionHandle Load(FunctionDescriptor descriptor, WippyRuntime runtime)
    {
        var observer = runtime.Observer(descriptor.Id);
        try
        {
            return new WasmFunctionHandle(descriptor, Execution(descriptor, runtime, observer), observer, runtime.Policy);
        }
        catch (WippyException e)
        {
            var error = new WippyException(e.Kind == ErrorKind.Internal ? ErrorKind.Internal : ErrorKind.Unavailable, descriptor.Id,
                "the entry failed to load: " + e.Detail, e);
            Observability.WippyLog.EntryLoadFailed(observer.Logger, descriptor.Id, e.Detail);
            return new WasmFunctionHandle(descriptor, error, observer, runtime.Policy);
        }
    }

    private static WasmExecution Execution(FunctionDescriptor d, WippyRuntime runtime, Observability.EntryObserver observer)
    {
        var wasi = Wasi.GuestWasi.Create(d, runtime.Manifest, runtime.RegistryRoot, runtime.Env, runtime.Policy, runtime.Loggers,
            runtime.CommandTerminal is { } terminal && terminal.EntryId == d.Id ? terminal : null);
        if (d.CallsComponentModel)
        {
            var bytes = FunctionLoader.ReadBytes(d, runtime.Manifest, runtime.RegistryRoot);
            var program = ComponentLoader.LoadProgram(runtime.Engine, d, bytes, runtime.Services, wasi.OutboundHosts, runtime.Cache, runtime.WasmtimeWasi);
            return new ComponentModelExecution(d, runtime.Engine, program, observer, wasi);
        }
        var (module, planned) = d.Component is not null
            ? ComponentLoader.LoadDirect(runtime.Engine, d, FunctionLoader.ReadBytes(d, runtime.Manifest, runtime.RegistryRoot), runtime.Services, runtime.Cache)
            : (FunctionLoader.Load(runtime.Engine, d, runtime.Manifest, runtime.RegistryRoot, runtime.Cache), null);
        if (planned is { OnFibers: false })
        {
            foreach (var (implementation, functions) in ComponentImportLinker.AwaitingOnly(d, runtime.Services))
            {
                Observability.WippyLog.ImportWaitsHoldThread(observer.Logger, d.Id, implementation, functions);
            }
        }
        try
        {
            return planned is not null
                ? new CoreModuleExecution(d, runtime.Engine, planned, observer, wasi)
                : new CoreModuleExecution(d, runtime.Engine, module!, observer, wasi);
        }
        catch
        {
            planned?.Dispose();
            module?.Dispose();
            throw;
        }
    }
}
