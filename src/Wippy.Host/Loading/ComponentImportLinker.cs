using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;
using Wippy.Host.Registry;
using Wippy.Modules.Components;

namespace Wippy.Host.Loading;

/// <summary>
/// Defines every function a component imports in its linker: the app's C# implementation when there is one
/// (a generated binding plus a service), otherwise a stub. A stub only fails when the guest calls it, with an
/// error naming the entry, the import and what to register, so a component that imports what it never calls
/// still loads and serves its other calls. WASI imports are not defined here: <see cref="Wasi.WasiLinking"/>
/// links them per entry. Each imported interface becomes a <see cref="HostInterface"/>, linked the way the host's
/// own WASI is: one mechanism for every host function.
/// </summary>
internal static class ComponentImportLinker
{
    /// <summary>Defines the imports; true when any was defined (the component's stores then carry a host state for the call's watch).</summary>
    public static bool DefineImports(WasmComponentLinker linker, FunctionDescriptor d, ComponentBinary binary, IServiceProvider? services)
    {
        var any = false;
        foreach (var import in binary.Imports)
        {
            switch (import.Kind)
            {
                case ComponentExternKind.Instance when import.Name.StartsWith("wasi:", StringComparison.Ordinal):
                    break; // linked per entry by WasiLinking
                case ComponentExternKind.Instance when import.FunctionNames.Count > 0:
                    AppInterface(d, import.Name, import.FunctionNames, services).Define(linker, import.Name, import.FunctionNames);
                    any = true;
                    break;
                case ComponentExternKind.Func:
                    AppInterface(d, null, [import.Name], services).Define(linker, null, [import.Name]);
                    any = true;
                    break;
                // Types need no definition; other kinds (modules, components, values) are not imported by guests built with wit-bindgen.
            }
        }
        return any;
    }

    /// <summary>The app's interface <paramref name="instance"/> (null: the top-level functions) as the host links it.</summary>
    private static HostInterface AppInterface(FunctionDescriptor d, string? instance, IEnumerable<string> functions, IServiceProvider? services) =>
        new(instance ?? "(top-level functions)", [], functions.ToDictionary(f => f, f => Implementation(d, instance, f, services), StringComparer.Ordinal));

    private static HostFunction Implementation(FunctionDescriptor d, string? instance, string function, IServiceProvider? services)
    {
        var binding = d.ComponentImports.FirstOrDefault(b => b.Instance == instance && b.Function == function);
        if (binding is not null && services is not null && binding.Bind(services) is { } implementation)
        {
            return Guarded(d.Id, HostInterface.ImportName(instance, function), implementation);
        }
        var name = HostInterface.ImportName(instance, function);
        var hint = binding is not null
            ? $"register an implementation of {binding.Implementation} in the app's services"
            : "no C# binding was generated for it (its types are not supported in typed calls yet)";
        return (_, _, _) => throw new WippyException(ErrorKind.Unavailable, d.Id, $"the component called the import '{name}', which has no implementation: {hint}");
    }

    /// <summary>
    /// An implementation run with the call's cancellation (<see cref="ImportCancellation"/>), whose failures become
    /// errors naming the import (the guest call then fails with them); when the call must stop (its limit passed or
    /// its caller cancelled) it fails with that instead, whatever the implementation did.
    /// </summary>
    private static HostFunction Guarded(string entryId, string name, ComponentHostFunction implementation) => (call, args, results) =>
    {
        var watch = call.State.Watch;
        try
        {
            using (ImportCancellation.Enter(watch)) implementation(args, results);
        }
        catch (Exception) when (watch is not null && watch.ShouldStop())
        {
            HostWaits.ThrowIfStopped(watch);
        }
        catch (WippyException)
        {
            throw;
        }
        catch (GeneratedCode.ComponentValueException e)
        {
            throw new WippyException(ErrorKind.Invalid, entryId, $"the import '{name}': {e.Message}", e);
        }
        catch (Exception e)
        {
            throw new WippyException(ErrorKind.Internal, entryId, $"the import '{name}' failed: {e.GetType().Name}: {e.Message}", e);
        }
        HostWaits.ThrowIfStopped(watch); // it returned, but too late: the call has already run past its limit
    };
}
