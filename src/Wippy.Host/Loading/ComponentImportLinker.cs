using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;
using Wippy.Host.Registry;
using Wippy.Host.Wasi;
using Wippy.Host.WasiHost.Io;
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
    /// <summary>
    /// Defines the imports. Says <see cref="WasiLinking.Needs.Imports"/> when any was defined (the component's stores
    /// then carry a host state for the call's watch), and <see cref="WasiLinking.Needs.Fibers"/> when an async
    /// implementation was linked as a function that suspends the guest (<paramref name="onFibers"/>).
    /// </summary>
    public static WasiLinking.Needs DefineImports(WasmComponentLinker linker, FunctionDescriptor d, ComponentBinary binary, IServiceProvider? services, bool onFibers = false)
    {
        var needs = WasiLinking.Needs.None;
        foreach (var import in binary.Imports)
        {
            switch (import.Kind)
            {
                case ComponentExternKind.Instance when import.Name.StartsWith("wasi:", StringComparison.Ordinal):
                    break; // linked per entry by WasiLinking
                case ComponentExternKind.Instance when Processes.ActorInterface.Is(import.Name):
                    needs |= DefineActor(linker, d, import.Name, import.FunctionNames, onFibers);
                    break;
                case ComponentExternKind.Instance when import.FunctionNames.Count > 0 || import.ResourceNames.Count > 0:
                    needs |= Define(AppInterface(d, import.Name, import.FunctionNames, services, import.ResourceNames), linker, import.Name, import.FunctionNames, onFibers);
                    break;
                case ComponentExternKind.Func:
                    needs |= Define(AppInterface(d, null, [import.Name], services), linker, null, [import.Name], onFibers);
                    break;
                // Types need no definition; other kinds (modules, components, values) are not imported by guests built with wit-bindgen.
            }
        }
        return needs;
    }

    /// <summary>
    /// The mailbox interface of a process (<c>wippy:actor/process@0.1.x</c>), when its entry grants <c>wippy:actor</c>;
    /// otherwise every function fails with PermissionDenied saying what to add.
    /// </summary>
    private static WasiLinking.Needs DefineActor(WasmComponentLinker linker, FunctionDescriptor d, string instance, IReadOnlyList<string> functions, bool onFibers)
    {
        var granted = d.Imports.Contains(Processes.ActorInterface.Group, StringComparer.Ordinal);
        Func<string, HostFunction>? deny = granted ? null : function => (_, _, _) => throw new WippyException(ErrorKind.PermissionDenied, d.Id,
            $"the guest called '{instance}#{function}', the process mailbox, which this entry does not grant: add '- {Processes.ActorInterface.Group}' to its imports: (entry declared at {d.DeclaredAt})");
        return Processes.ActorInterface.Interface.Define(linker, instance, functions, deny, onFibers)
            ? WasiLinking.Needs.Imports | WasiLinking.Needs.Fibers
            : WasiLinking.Needs.Imports;
    }

    private static WasiLinking.Needs Define(HostInterface host, WasmComponentLinker linker, string? instance, IReadOnlyList<string> functions, bool onFibers) =>
        host.Define(linker, instance, functions, onFibers: onFibers) ? WasiLinking.Needs.Imports | WasiLinking.Needs.Fibers : WasiLinking.Needs.Imports;

    /// <summary>
    /// The app's interface <paramref name="instance"/> (null: the top-level functions) as the host links it: each
    /// function through its synchronous implementation if the app registered one, else its async one (a function that
    /// waits), else a stub.
    /// </summary>
    /// <remarks>
    /// Its resource types (<paramref name="resources"/>) are defined as host types: the app's objects live in the store's
    /// resource table while the guest holds handles (generated adapters reach them through <see cref="ImportResources"/>),
    /// and the guest's drop disposes them.
    /// </remarks>
    private static HostInterface AppInterface(FunctionDescriptor d, string? instance, IEnumerable<string> functions, IServiceProvider? services,
        IReadOnlyList<string>? resources = null)
    {
        var interfaceName = instance ?? "(top-level functions)";
        var types = (resources ?? []).Select(r => new HostResourceType(WasiGrants.Unversioned(interfaceName), r)).ToList();
        var typesByName = types.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var immediate = new Dictionary<string, HostFunction>(StringComparer.Ordinal);
        var waiting = new Dictionary<string, HostWaitingFunction>(StringComparer.Ordinal);
        foreach (var function in functions)
        {
            var name = HostInterface.ImportName(instance, function);
            var binding = d.ComponentImports.FirstOrDefault(b => b.Instance == instance && b.Function == function);
            if (binding is not null && services is not null && binding.Bind(services) is { } implementation)
            {
                immediate[function] = Guarded(d.Id, name, implementation, typesByName);
            }
            else if (binding?.BindAsync is { } bindAsync && services is not null && bindAsync(services) is { } asyncImplementation)
            {
                waiting[function] = GuardedAsync(d.Id, name, asyncImplementation);
            }
            else
            {
                immediate[function] = (_, _, _) => throw Missing(d, name, binding);
            }
        }
        return new(interfaceName, types, immediate, waiting);
    }

    /// <summary>
    /// The function serving <paramref name="instance"/>#<paramref name="function"/> for a component on the planned
    /// direct path: the app's implementation through its generated core binding, or one that fails as a stub does.
    /// </summary>
    public static CoreHostFunction CoreImport(FunctionDescriptor d, string? instance, string function, IServiceProvider? services)
    {
        var binding = d.ComponentImports.FirstOrDefault(b => b.Instance == instance && b.Function == function);
        if (binding?.BindCore is { } bind && services is not null && bind(services) is { } implementation) return implementation;
        var missing = Missing(d, HostInterface.ImportName(instance, function), binding);
        return (ref CoreCall _, Span<ValueRaw> _) => throw missing;
    }

    /// <summary>
    /// Whether a call of <paramref name="instance"/>#<paramref name="function"/> on the planned path may wait: the app
    /// implements it only with the awaiting twin (<c>I…Async</c>), so the guest runs on a fiber.
    /// </summary>
    public static bool WaitsFor(FunctionDescriptor d, string? instance, string function, IServiceProvider? services) =>
        d.ComponentImports.FirstOrDefault(b => b.Instance == instance && b.Function == function) is { } binding
        && AwaitsOnCorePath(binding, services);

    /// <summary>
    /// The imported interfaces of a planned entry that the app implements only with their awaiting twin (<c>I…Async</c>),
    /// with the functions concerned: where the guest does not run on fibers (a pooling engine), each of their waits holds
    /// its thread.
    /// </summary>
    public static IEnumerable<(string Implementation, string Functions)> AwaitingOnly(FunctionDescriptor d, IServiceProvider? services)
    {
        if (d.CallsComponentModel) return [];
        return d.ComponentImports
            .Where(b => AwaitsOnCorePath(b, services))
            .GroupBy(b => b.Implementation)
            .Select(g => (g.Key, string.Join(", ", g.Select(b => b.Function))));
    }

    /// <summary>Whether a planned guest's core adapter for <paramref name="binding"/> runs the awaiting implementation (the only one registered).</summary>
    private static bool AwaitsOnCorePath(ComponentImportBinding binding, IServiceProvider? services) =>
        binding.BindCore is not null && RegisteredFor(binding, services) == Registered.AwaitingOnly;

    /// <summary>What the app registered for an imported function, as the linkers choose: the synchronous interface first.</summary>
    public enum Registered
    {
        /// <summary>Neither interface: calls of the function fail with Unavailable.</summary>
        Nothing,
        /// <summary>The synchronous interface (used even when the awaiting one is registered too).</summary>
        Synchronous,
        /// <summary>Only the awaiting twin (<c>I…Async</c>).</summary>
        AwaitingOnly,
    }

    /// <summary>Which of <paramref name="binding"/>'s interfaces <paramref name="services"/> implement (for reports: <c>check</c>, log event 18).</summary>
    public static Registered RegisteredFor(ComponentImportBinding binding, IServiceProvider? services) =>
        services is null ? Registered.Nothing
        : binding.Bind(services) is not null ? Registered.Synchronous
        : binding.BindAsync?.Invoke(services) is not null ? Registered.AwaitingOnly
        : Registered.Nothing;

    /// <summary>The error of a call to an import the app implements nowhere: Unavailable, naming it and what to register.</summary>
    private static WippyException Missing(FunctionDescriptor d, string name, ComponentImportBinding? binding)
    {
        var hint = binding is not null
            ? $"register an implementation of {binding.Implementation} (or of {binding.Implementation}Async) in the app's services"
            : "no C# binding was generated for it (its types are not supported in typed calls yet)";
        return new WippyException(ErrorKind.Unavailable, d.Id, $"the component called the import '{name}', which has no implementation: {hint}");
    }

    /// <summary>
    /// An implementation run with the call's cancellation (<see cref="ImportCancellation"/>), whose failures become
    /// errors naming the import (the guest call then fails with them); when the call must stop (its limit passed or
    /// its caller cancelled) it fails with that instead, whatever the implementation did.
    /// </summary>
    private static HostFunction Guarded(string entryId, string name, ComponentHostFunction implementation, IReadOnlyDictionary<string, HostResourceType> types) => (call, args, results) =>
    {
        var watch = call.State.Watch;
        try
        {
            using (ImportCancellation.Enter(watch))
            using (ImportResources.Enter(call.Context, call.State, name, types))
            {
                implementation(args, results);
            }
        }
        catch (Exception e) when (Failure(entryId, name, watch, e) is { } failure)
        {
            throw failure;
        }
        HostWaits.ThrowIfStopped(watch); // it returned, but too late: the call has already run past its limit
    };

    /// <summary>
    /// An async implementation as a function that waits: started with the call's token (cancelled at its limit or its
    /// caller's cancellation), its result written once its operation has ended; failures as for <see cref="Guarded"/>.
    /// </summary>
    private static HostWaitingFunction GuardedAsync(string entryId, string name, ComponentAsyncHostFunction implementation) => (call, args, results) =>
    {
        var watch = call.State.Watch;
        ComponentImportOperation operation;
        try
        {
            using (ImportCancellation.Enter(watch)) operation = implementation(args, watch?.ImportToken() ?? CancellationToken.None);
        }
        catch (Exception e) when (Failure(entryId, name, watch, e) is { } failure)
        {
            throw failure;
        }
        return operation.IsCompleted ? Finish(call, results) : new HostWait(new TaskPollable(operation.Task), (then, _, results) => Finish(then, results));

        HostWait? Finish(HostCall call, Span<ComponentVal> results)
        {
            try
            {
                operation.WriteResults(results);
            }
            catch (Exception e) when (Failure(entryId, name, call.State.Watch, e) is { } failure)
            {
                throw failure;
            }
            HostWaits.ThrowIfStopped(call.State.Watch);
            return null;
        }
    };

    /// <summary>
    /// What an implementation's exception fails the guest's call with: the call's own stop (limit, cancellation) when it
    /// must stop; a bad value as Invalid, anything else as Internal, naming the import; null for a
    /// <see cref="WippyException"/>, which fails the call as it is.
    /// </summary>
    internal static Exception? Failure(string entryId, string name, WasmInterruptWatch? watch, Exception e) =>
        (Exception?)HostWaits.Stopped(watch) ?? e switch
        {
            WippyException => null,
            ComponentValueException => new WippyException(ErrorKind.Invalid, entryId, $"the import '{name}': {e.Message}", e),
            _ => new WippyException(ErrorKind.Internal, entryId, $"the import '{name}' failed: {e.GetType().Name}: {e.Message}", e),
        };
}
