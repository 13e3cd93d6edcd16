using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Components;
using Wippy.Host.Registry;
using Wippy.Modules.Components;

namespace Wippy.Host.Loading;

/// <summary>
/// Defines every function a component imports in its linker: the app's C# implementation when there is one
/// (a generated binding plus a service), otherwise a stub. A stub only fails when the guest calls it, with an
/// error naming the entry, the import and what to register, so a component that imports what it never calls
/// still loads and serves its other calls. WASI imports are not defined here: <see cref="Wasi.WasiLinking"/>
/// links them per entry.
/// </summary>
internal static class ComponentImportLinker
{
    public static void DefineImports(WasmComponentLinker linker, FunctionDescriptor d, ComponentBinary binary, IServiceProvider? services)
    {
        foreach (var import in binary.Imports)
        {
            switch (import.Kind)
            {
                case ComponentExternKind.Instance when import.Name.StartsWith("wasi:", StringComparison.Ordinal):
                    break; // linked per entry by WasiLinking
                case ComponentExternKind.Instance:
                    var functions = import.FunctionNames
                        .Select(name => new KeyValuePair<string, ComponentHostFunction>(name, Implementation(d, import.Name, name, services)))
                        .ToList();
                    if (functions.Count > 0) linker.DefineFunctions(import.Name, functions);
                    break;
                case ComponentExternKind.Func:
                    linker.DefineFunction(null, import.Name, Implementation(d, null, import.Name, services));
                    break;
                // Types need no definition; other kinds (modules, components, values) are not imported by guests built with wit-bindgen.
            }
        }
    }

    private static ComponentHostFunction Implementation(FunctionDescriptor d, string? instance, string function, IServiceProvider? services)
    {
        var binding = d.ComponentImports.FirstOrDefault(b => b.Instance == instance && b.Function == function);
        if (binding is not null && services is not null && binding.Bind(services) is { } implementation)
        {
            return Guarded(d.Id, ImportName(instance, function), implementation);
        }
        var name = ImportName(instance, function);
        var hint = binding is not null
            ? $"register an implementation of {binding.Implementation} in the app's services"
            : "no C# binding was generated for it (its types are not supported in typed calls yet)";
        return (_, _) => throw new WippyException(ErrorKind.Unavailable, d.Id, $"the component called the import '{name}', which has no implementation: {hint}");
    }

    /// <summary>An implementation whose failures become errors naming the import (the guest call then fails with them).</summary>
    private static ComponentHostFunction Guarded(string entryId, string name, ComponentHostFunction implementation) => (args, results) =>
    {
        try
        {
            implementation(args, results);
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
    };

    private static string ImportName(string? instance, string function) => instance is null ? function : instance + "#" + function;
}
