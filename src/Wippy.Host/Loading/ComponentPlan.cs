using Wippy.Modules.Components;

namespace Wippy.Host.Loading;

/// <summary>
/// How a component entry's <c>method</c> is called, decided from the component's bytes (the same way by the build
/// step and by the host): the exported function it names, and, when its lift is UTF-8 and synchronous, the core module
/// and core export generated code calls directly (the Canonical ABI is then done by the generated code, as for a core
/// module with a <c>wit:</c> signature). That is so for a component that is one core module instantiated without
/// imports, and for a <em>planned</em> one (<see cref="IsPlanned"/>): several core modules wired as its core plan says
/// (<see cref="ComponentCorePlan"/>), with imports of the app's own interfaces lowered by generated code and WASI served
/// by the host's own WASI at core level (<see cref="WasiHost.Core.CoreWasi"/>). Any other component (one that can wait
/// on WASI, a process's mailbox, resources of its own, the async ABI…) is called through Wasmtime's component model.
/// </summary>
internal sealed class ComponentPlan
{
    private ComponentPlan(ComponentBinary binary, ComponentFunctionInfo function, string? directProblem)
    {
        Binary = binary;
        Function = function;
        DirectProblem = directProblem;
        IsPlanned = directProblem is null && binary.DirectCallProblem is not null;
    }

    /// <summary>The component as read.</summary>
    public ComponentBinary Binary { get; }

    /// <summary>The exported function <c>method</c> names.</summary>
    public ComponentFunctionInfo Function { get; }

    /// <summary>Null when the function can be called directly in the component's core module; else why not.</summary>
    public string? DirectProblem { get; }

    /// <summary>
    /// True when the direct call needs the component's core plan: its core modules instantiated and wired by the host,
    /// its lowered imports served by generated code (false for a component that is one core module without imports).
    /// </summary>
    public bool IsPlanned { get; }

    /// <summary>
    /// The index (in <see cref="ComponentBinary.CoreModules"/>) of the core module whose export a direct call runs, null
    /// when <see cref="DirectProblem"/> is set: the only one, or, for a planned component, the one the instance
    /// exporting the lifted function instantiates.
    /// </summary>
    public int? DirectCoreModuleIndex => DirectProblem is not null ? null
        : IsPlanned ? Binary.CorePlan.Instantiations.First(i => i.Instance == Function.Lift!.CoreInstance).Module
        : 0;

    /// <summary>The core module at <see cref="DirectCoreModuleIndex"/> (null when <see cref="DirectProblem"/> is set).</summary>
    public byte[]? DirectCoreModule => DirectCoreModuleIndex is { } index ? Binary.CoreModules[index] : null;

    /// <summary>The core export a direct call runs (null when <see cref="DirectProblem"/> is set).</summary>
    public string? DirectCoreExport => DirectProblem is null ? Function.Lift!.CoreExport : null;

    /// <summary>The same function, called through the component model (an entry's <c>call_path: component-model</c>).</summary>
    public ComponentPlan ThroughComponentModel() =>
        DirectProblem is not null ? this : new ComponentPlan(Binary, Function, "the entry says 'call_path: component-model'");

    /// <summary>Reads <paramref name="bytes"/> and finds <paramref name="method"/>.</summary>
    /// <exception cref="ComponentPlanException">The bytes are not a readable component, or no exported function has that name (the message lists those that exist).</exception>
    public static ComponentPlan Resolve(byte[] bytes, string method)
    {
        var read = ComponentBinaryReader.Read(bytes);
        if (read.Component is not { } binary)
        {
            throw new ComponentPlanException($"the component cannot be read: {read.Error}");
        }
        if (binary.FindFunction(method) is not { } function)
        {
            var keys = binary.FunctionKeys;
            var why = binary.TypeProblem is null ? "" : $" (some types could not be followed: {binary.TypeProblem})";
            throw new ComponentPlanException(
                $"the component exports no function '{method}'{why}; write one of: {(keys.Count == 0 ? "(none)" : string.Join(", ", keys))} (an interface function may also be written as iface#func)");
        }
        return new ComponentPlan(binary, function, DirectProblemOf(binary, function));
    }

    private static string? DirectProblemOf(ComponentBinary binary, ComponentFunctionInfo function)
    {
        var liftProblem = function.Lift switch
        {
            null => "the lift of the function could not be followed",
            { CoreExport: null } => "the function does not lift a plain core export",
            { IsAsync: true } => "the function is lifted with the async ABI",
            { StringEncoding: not "utf8" } l => $"the function is lifted with string-encoding={l.StringEncoding}",
            // A request and its response-outparam (wasi:http/incoming-handler), a resource of its own: handles cross
            // through the component model (the generated direct call passes values only).
            _ when function.HoldsHandle => "the function takes or returns a resource handle",
            _ => null,
        };
        if (binary.DirectCallProblem is not { } single) return liftProblem;
        // Not one core module without imports: the direct call needs the component's core plan.
        var problem = liftProblem ?? PlanProblem(binary);
        return problem is null ? null : $"{single}, and {problem}";
    }

    /// <summary>Why the component's core plan cannot serve a direct call, or null when it can.</summary>
    private static string? PlanProblem(ComponentBinary binary)
    {
        var plan = binary.CorePlan;
        foreach (var lower in plan.Lowers)
        {
            var name = lower.Import is null ? lower.Function : lower.Import + "#" + lower.Function;
            if (lower.Import is { } import && Wasi.WasiLinking.IsWasi(import)
                && WasiHost.Core.CoreWasi.WhyNot(binary, import, lower.Function) is { } why)
            {
                return $"it imports '{name}': {why}";
            }
            if (lower.Import is { } actor && Processes.ActorInterface.Is(actor))
            {
                return $"it imports '{name}': the process mailbox is served through the component model";
            }
            if (lower.Import is { } app && !Wasi.WasiLinking.IsWasi(app)
                && binary.ImportedFunctionType(app, lower.Function) is { } type && ComponentTypePrinter.Fingerprint(type).Contains("handle", StringComparison.Ordinal))
            {
                return $"it imports '{name}': resources of the app's interfaces are served through the component model";
            }
        }
        if (plan.Problem is { } problem) return "its core plan is incomplete: " + problem;
        // The plan's resource.drop built-ins are of imported types (the planner says so): the host must own them.
        var drop = plan.Instantiations.SelectMany(i => i.Imports).OfType<FromBuiltin>()
            .FirstOrDefault(b => WasiHost.Core.CoreWasi.ResourceType(b.Resource) is null);
        return drop is null ? null : $"it drops handles of '{drop.Resource}', a resource the host's own WASI does not define";
    }
}

/// <summary>A component entry cannot be planned (see <see cref="ComponentPlan.Resolve"/>).</summary>
internal sealed class ComponentPlanException(string message) : Exception(message);
