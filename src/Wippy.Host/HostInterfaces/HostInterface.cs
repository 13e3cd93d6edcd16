using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;

namespace Wippy.Host.HostInterfaces;

/// <summary>
/// An interface the host implements in C#: its resource types and its functions, by their names in the Canonical
/// ABI (<c>now</c>, <c>[method]pollable.block</c>, <c>[static]fields.from-list</c>, <c>[constructor]fields</c>).
/// The WASI host is made of these, and an app's own interfaces are linked the same way.
/// </summary>
/// <remarks>
/// An interface is defined for each name a guest imports it under (<c>wasi:io/poll@0.2.0</c> and
/// <c>wasi:io/poll@0.2.3</c> are both this one): the resource types are the same host types whatever the version,
/// so a pollable made through one version can be passed to the other.
/// </remarks>
internal sealed class HostInterface
{
    /// <summary>An interface named <paramref name="name"/> (without a version).</summary>
    /// <param name="name">The interface without its version.</param>
    /// <param name="resources">Its resource types.</param>
    /// <param name="functions">Its functions by Canonical ABI name.</param>
    /// <param name="waitingFunctions">Its functions that may wait, by Canonical ABI name (not also in <paramref name="functions"/>).</param>
    public HostInterface(
        string name,
        IReadOnlyList<HostResourceType> resources,
        IReadOnlyDictionary<string, HostFunction> functions,
        IReadOnlyDictionary<string, HostWaitingFunction>? waitingFunctions = null)
    {
        Name = name;
        Resources = resources;
        WaitingFunctions = waitingFunctions ?? new Dictionary<string, HostWaitingFunction>();
        var all = new Dictionary<string, HostFunction>(functions, StringComparer.Ordinal);
        foreach (var (functionName, waiting) in WaitingFunctions)
        {
            all.Add(functionName, (call, args, results) => HostWait.RunBlocking(waiting, call, args, results));
        }
        Functions = all;
    }

    /// <summary>The interface without its version: <c>wasi:io/poll</c>.</summary>
    public string Name { get; }

    /// <summary>The resource types it defines.</summary>
    public IReadOnlyList<HostResourceType> Resources { get; }

    /// <summary>Its functions by Canonical ABI name, as a guest that does not run on fibers calls them (those that wait block its thread).</summary>
    public IReadOnlyDictionary<string, HostFunction> Functions { get; }

    /// <summary>The functions that may wait: for a guest on fibers each wait suspends it; otherwise (in <see cref="Functions"/>) it blocks the thread.</summary>
    public IReadOnlyDictionary<string, HostWaitingFunction> WaitingFunctions { get; }

    /// <summary>
    /// Defines the interface in <paramref name="linker"/> under <paramref name="instanceName"/> (the name the guest
    /// imports; null for functions the guest imports at its top level), with its resource types and the functions <paramref name="functionNames"/> (those the guest imports).
    /// A function this interface does not have fails the call with Unavailable when the guest calls it;
    /// <paramref name="deny"/>, when given, replaces every function (an interface the entry does not grant: the
    /// resource types stay, so the guest still links). With <paramref name="onFibers"/>, the functions that wait are
    /// defined as async host functions (<see cref="WaitingFunctions"/>): the guest must then be instantiated and called
    /// on fibers only. Returns whether any was.
    /// </summary>
    public bool Define(WasmComponentLinker linker, string? instanceName, IEnumerable<string> functionNames, Func<string, HostFunction>? deny = null, bool onFibers = false)
    {
        var resources = Resources
            .Select(type => (type.Name, type.Tag, (ComponentResourceDestructor)((context, rep) => Drop(context, rep, type))))
            .ToList();
        var names = functionNames.ToList();
        bool Waits(string name) => onFibers && deny is null && WaitingFunctions.ContainsKey(name);
        var functions = names
            .Where(name => !Waits(name))
            .Select(name => new KeyValuePair<string, ComponentContextFunction>(
                name, Adapt(ImportName(instanceName, name), deny?.Invoke(name) ?? Find(instanceName, name))))
            .ToList();
        var waiting = names
            .Where(Waits)
            .Select(name => new KeyValuePair<string, ComponentAsyncFunction>(name, AdaptWaiting(ImportName(instanceName, name), WaitingFunctions[name])))
            .ToList();
        linker.DefineInstance(instanceName, resources, functions, waiting);
        return waiting.Count > 0;
    }

    private HostFunction Find(string? instanceName, string name) =>
        Functions.TryGetValue(name, out var function)
            ? function
            : (call, _, _) => throw new WippyException(ErrorKind.Unavailable, call.State.EntryId,
                $"the guest called '{ImportName(instanceName, name)}', which this runtime's {Name} does not implement");

    /// <summary><c>interface#function</c>, or the function alone for a top-level import.</summary>
    public static string ImportName(string? instanceName, string function) => instanceName is null ? function : instanceName + "#" + function;

    /// <summary>The function as Wasmtime calls it: with the store's state found from its context, guest misuse a trap.</summary>
    private static ComponentContextFunction Adapt(string name, HostFunction function) => (context, args, results) =>
    {
        var state = WasmStore.HostStateOf(context) as HostState
            ?? throw new InvalidOperationException($"'{name}' was called in a store that has no host state");
        try
        {
            function(new HostCall(context, state, name), args, results);
        }
        catch (HostResourceException e)
        {
            throw HostCall.Misuse(state, name, e);
        }
    };

    /// <summary>A waiting function as Wasmtime calls it for a guest on a fiber: its waits suspend the guest; misuse is a trap as for <see cref="Adapt"/>.</summary>
    private static ComponentAsyncFunction AdaptWaiting(string name, HostWaitingFunction function) => (context, args, results) =>
    {
        var state = WasmStore.HostStateOf(context) as HostState
            ?? throw new InvalidOperationException($"'{name}' was called in a store that has no host state");
        HostWait? wait;
        try
        {
            wait = function(new HostCall(context, state, name), args, results);
        }
        catch (HostResourceException e)
        {
            throw HostCall.Misuse(state, name, e);
        }
        return HostWait.ToComponentPending(wait, state, name);
    };

    /// <summary>The guest dropped its owned handle: the resource leaves the table and is disposed.</summary>
    private static void Drop(nint context, uint rep, HostResourceType type)
    {
        if (WasmStore.HostStateOf(context) is not HostState state) return;
        var value = state.Resources.Remove(rep, type);
        (value as IDisposable)?.Dispose();
    }
}
