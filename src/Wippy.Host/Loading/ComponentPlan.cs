using Wippy.Modules.Components;

namespace Wippy.Host.Loading;

/// <summary>
/// How a component entry's <c>method</c> is called, decided from the component's bytes (the same way by the build
/// step and by the host): the exported function it names, and, when the component is one core module instantiated
/// without imports whose lift is UTF-8 and synchronous, that core module and the core export generated code calls
/// directly (the Canonical ABI is then done by the generated code, as for a core module with a <c>wit:</c>
/// signature). Any other component is called through Wasmtime's component model.
/// </summary>
internal sealed class ComponentPlan
{
    private ComponentPlan(ComponentBinary binary, ComponentFunctionInfo function, string? directProblem)
    {
        Binary = binary;
        Function = function;
        DirectProblem = directProblem;
    }

    /// <summary>The component as read.</summary>
    public ComponentBinary Binary { get; }

    /// <summary>The exported function <c>method</c> names.</summary>
    public ComponentFunctionInfo Function { get; }

    /// <summary>Null when the function can be called directly in the component's core module; else why not.</summary>
    public string? DirectProblem { get; }

    /// <summary>The core module to instantiate for a direct call (null when <see cref="DirectProblem"/> is set).</summary>
    public byte[]? DirectCoreModule => DirectProblem is null ? Binary.CoreModules[0] : null;

    /// <summary>The core export a direct call runs (null when <see cref="DirectProblem"/> is set).</summary>
    public string? DirectCoreExport => DirectProblem is null ? Function.Lift!.CoreExport : null;

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
        if (binary.DirectCallProblem is { } problem) return problem;
        return function.Lift switch
        {
            null => "the lift of the function could not be followed",
            { CoreExport: null } => "the function does not lift a plain core export",
            { IsAsync: true } => "the function is lifted with the async ABI",
            { StringEncoding: not "utf8" } l => $"the function is lifted with string-encoding={l.StringEncoding}",
            _ => null,
        };
    }
}

/// <summary>A component entry cannot be planned (see <see cref="ComponentPlan.Resolve"/>).</summary>
internal sealed class ComponentPlanException(string message) : Exception(message);
