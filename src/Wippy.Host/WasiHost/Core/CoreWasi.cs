using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.Registry;
using Wippy.Host.Wasi;
using Wippy.Modules.Components;

namespace Wippy.Host.WasiHost.Core;

/// <summary>
/// The host's own WASI on a planned component's core path: which of a component's WASI imports it can serve there
/// (decided the same way by the build step and the host), the core function for each, and the host resource type each
/// <c>resource.drop</c> works on.
/// </summary>
/// <remarks>
/// A WASI function that may wait (<c>pollable.block</c>, <c>poll</c>, the blocking stream operations) suspends a planned
/// guest on its fiber (<see cref="Waiting"/>, <see cref="Execution.CoreFiberPlan"/>) as it does through the component
/// model; on an engine with the pooling allocator, where guests never run on fibers, it blocks the guest's thread on
/// either path.
/// </remarks>
internal static class CoreWasi
{
    /// <summary>
    /// Null when the host can serve <paramref name="function"/> of the WASI interface <paramref name="instanceName"/> on
    /// a planned component's core path; otherwise why not, for the build note.
    /// </summary>
    public static string? WhyNot(ComponentBinary binary, string instanceName, string function)
    {
        if (WasiInterfaces.Find(instanceName) is not { } host) return "the host's own WASI does not implement that interface";
        if (!host.Functions.ContainsKey(function)) return "the host's own WASI does not implement that function";
        if (binary.ImportedFunctionType(instanceName, function) is not { } type) return "its type could not be followed";
        try
        {
            foreach (var parameter in type.Params) AbiType.Of(parameter.Value);
            if (type.Result is not null) AbiType.Of(type.Result);
        }
        catch (NotSupportedException e)
        {
            return $"its type holds {e.Message}";
        }
        return null;
    }

    /// <summary>
    /// The lowered WASI function <paramref name="lower"/> as a function that may wait (<c>pollable.block</c>, <c>poll</c>,
    /// the blocking stream operations), for a guest on a fiber; null when it never waits or the entry does not grant it
    /// (then <see cref="Import"/> serves it).
    /// </summary>
    public static CoreWasiImport? Waiting(FunctionDescriptor d, ComponentBinary binary, ComponentLower lower)
    {
        var instanceName = lower.Import!;
        if (WasiInterfaces.Find(instanceName) is not { } host || !host.WaitingFunctions.TryGetValue(lower.Function, out var waiting)) return null;
        var function = WasiLinking.CoreFunction(d, instanceName, lower.Function);
        if (!ReferenceEquals(function, host.Functions[lower.Function])) return null; // not granted: the PermissionDenied stub
        var type = binary.ImportedFunctionType(instanceName, lower.Function)
            ?? throw new InvalidOperationException($"the type of '{HostInterface.ImportName(instanceName, lower.Function)}' could not be followed");
        return CoreWasiImport.CreateWaiting(HostInterface.ImportName(instanceName, lower.Function), function!, waiting, type);
    }

    /// <summary>
    /// The host resource type a <c>resource.drop</c> of <paramref name="resource"/> (<c>wasi:io/streams@0.2.0#output-stream</c>)
    /// drops, or null when the host's own WASI has none of that name.
    /// </summary>
    public static HostResourceType? ResourceType(string? resource)
    {
        var hash = resource?.LastIndexOf('#') ?? -1;
        if (hash < 0) return null;
        var name = resource![(hash + 1)..];
        return WasiInterfaces.Find(resource[..hash])?.Resources.FirstOrDefault(r => r.Name == name);
    }

    /// <summary>
    /// The core function serving the lowered WASI function <paramref name="lower"/> of <paramref name="binary"/> for entry
    /// <paramref name="d"/>: the host's implementation, or the PermissionDenied stub for an interface the entry does not grant.
    /// The component's plan has already passed <see cref="WhyNot"/> (it is part of <c>ComponentPlan</c>'s direct-call check).
    /// </summary>
    /// <exception cref="InvalidOperationException">The host has no such function, or the component no type for it: the plan would not have been made.</exception>
    public static CoreHostFunction Import(FunctionDescriptor d, ComponentBinary binary, ComponentLower lower)
    {
        var instanceName = lower.Import!;
        var name = HostInterface.ImportName(instanceName, lower.Function);
        var function = WasiLinking.CoreFunction(d, instanceName, lower.Function)
            ?? throw new InvalidOperationException($"'{name}' is not a function of the host's own WASI");
        var type = binary.ImportedFunctionType(instanceName, lower.Function)
            ?? throw new InvalidOperationException($"the type of '{name}' could not be followed");
        return CoreWasiImport.Create(name, function, type);
    }
}
