using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;
using Wippy.Host.Registry;
using Wippy.Host.WasiHost;
using Wippy.Host.WasiHost.Http;
using Wippy.Modules.Components;
using Wippy.Registry;

namespace Wippy.Host.Wasi;

/// <summary>
/// Links the WASI a guest imports, granted strictly per entry (docs/registry.md#imports): the host's own interfaces
/// (<see cref="WasiInterfaces"/>) when it implements every WASI interface the guest imports, otherwise Wasmtime's WASI;
/// either way what the entry's <c>imports:</c> grants, and for every other WASI function the guest imports a stub that
/// fails the call with PermissionDenied, naming the entry, the interface and the <c>imports:</c> line to add. A guest
/// that imports what it never calls therefore still loads and serves its other calls.
/// </summary>
internal static class WasiLinking
{
    /// <summary>What a linked guest needs from each of its stores.</summary>
    [Flags]
    public enum Needs
    {
        /// <summary>The guest imports no WASI.</summary>
        None = 0,

        /// <summary>WASI state (<see cref="WasmStore.SetWasi"/>).</summary>
        Wasi = 1,

        /// <summary>wasi:http state too (<see cref="WasmStore.SetWasiHttp"/>).</summary>
        Http = 2,

        /// <summary>The host's own WASI, with its state (<see cref="HostState.Wasi"/>), instead of Wasmtime's WASI.</summary>
        Host = 4,

        /// <summary>C# implementations of the component's other imports: a <see cref="HostState"/> (for the call's watch).</summary>
        Imports = 8,

        /// <summary>
        /// Some imports are async host functions (waits that suspend the guest): the store's instantiation and calls
        /// must run on fibers (docs/architecture.md, "Guests on fibers").
        /// </summary>
        Fibers = 16,
    }

    /// <summary>
    /// Defines the WASI instances <paramref name="binary"/> imports in <paramref name="linker"/>: the host's own when
    /// <paramref name="ownHost"/> and it implements them all, otherwise Wasmtime's (refused for a guest that could send
    /// requests beyond <paramref name="outboundHosts"/> there: <see cref="WasmtimeOutboundCheck"/>). With
    /// <paramref name="onFibers"/>, the host's functions that wait (poll, block) are defined as async host functions, and
    /// the result says so (<see cref="Needs.Fibers"/>).
    /// </summary>
    /// <exception cref="WippyException">The guest would get Wasmtime's WASI, which cannot keep to its outbound hosts.</exception>
    public static Needs DefineComponent(
        WasmComponentLinker linker, FunctionDescriptor d, ComponentBinary binary, OutboundHosts outboundHosts, bool ownHost = true, bool onFibers = false)
    {
        var imports = binary.Imports.Where(i => i.Kind == ComponentExternKind.Instance && IsWasi(i.Name)).ToList();
        if (imports.Count == 0) return Needs.None;
        var grants = new WasiGrants(d.Imports);
        // A handler's request and a process's mailbox pollable exist only in the host's own WASI: such guests stay on it
        // even when they import what Wasmtime cannot call there (poll over several pollables; that one call fails).
        var onlyOwnHost = d.IncomingHandler || binary.Imports.Any(i => Processes.ActorInterface.Is(i.Name));
        var notServed = ownHost ? imports.Select(i => WasiInterfaces.WhyNotServed(i.Name, i.FunctionNames, evenUnliftable: onlyOwnHost)).FirstOrDefault(why => why is not null) : null;
        if (ownHost && notServed is null)
        {
            var needs = Needs.Host;
            foreach (var import in imports)
            {
                var group = WasiGrants.GroupOf(import.Name);
                var granted = Granted(grants, import.Name) || (d.IncomingHandler && IsHandlerOwn(import.Name));
                var waits = WasiInterfaces.Find(import.Name)!.Define(linker, import.Name, import.FunctionNames,
                    granted ? null : function => DeniedHost(d, import.Name + "#" + function, group), onFibers);
                if (waits) needs |= Needs.Fibers;
            }
            return needs;
        }
        if (onlyOwnHost)
        {
            // Only the host's own WASI can make the request a wasi:http/incoming-handler component is given, and the
            // pollable a process's mailbox interface returns is the host's own wasi:io/poll type.
            throw new WippyException(ErrorKind.Invalid, d.Id,
                (d.IncomingHandler
                    ? "a wasi:http/incoming-handler component is served through the host's own WASI, which alone can make its request; "
                    : "a process importing wippy:actor/process runs on the host's own WASI, whose wasi:io/poll its mailbox's pollable belongs to; ") +
                (notServed is null ? "this runtime gives every component Wasmtime's WASI (WippyRuntimeOptions.WasmtimeWasi)" : "it imports " + notServed));
        }
        WasmtimeOutboundCheck.Check(d, imports.Select(i => i.Name), grants, outboundHosts,
            notServed is null ? "this runtime gives every component Wasmtime's WASI (WippyRuntimeOptions.WasmtimeWasi)" : "it imports " + notServed);
        var wasmtimeNeeds = Needs.Wasi;
        linker.AddWasip2();
        if (imports.Any(i => WasiGrants.GroupOf(i.Name) == "wasi:http"))
        {
            linker.AddWasiHttp();
            wasmtimeNeeds |= Needs.Http;
        }
        linker.AllowShadowing(true);
        foreach (var import in imports)
        {
            var group = WasiGrants.GroupOf(import.Name);
            if (WasiGrants.IsKnownInterface(import.Name) && Granted(grants, import.Name)) continue;
            // Shadow Wasmtime's functions in the instance it defined (keeping its resource types, which other
            // interfaces share); an interface Wasmtime does not define gets an instance of stubs under its own name.
            var instance = WasiGrants.IsKnownInterface(import.Name)
                ? WasiGrants.Unversioned(import.Name) + "@" + WasiGrants.WasmtimeWasiVersion
                : import.Name;
            var stubs = import.FunctionNames
                .Select(f => new KeyValuePair<string, ComponentHostFunction>(f, Denied(d, import.Name + "#" + f, group)))
                .ToList();
            if (stubs.Count > 0) linker.DefineFunctions(instance, stubs);
        }
        linker.AllowShadowing(false);
        return wasmtimeNeeds;
    }

    /// <summary>
    /// The template a core module's instances come from: when it imports WASI preview1, Wasmtime's preview1 with a
    /// failing stub for each function the entry does not grant.
    /// </summary>
    public static (WasmInstancePre Template, Needs Needs) CoreTemplate(WasmModule module, FunctionDescriptor d)
    {
        using var linker = new WasmCoreLinker(module.Engine);
        var needs = Needs.None;
        if (module.Imports.Any(i => i.Module == ImportNames.Preview1))
        {
            var grants = new WasiGrants(d.Imports);
            linker.DefineWasi();
            linker.AllowShadowing(true);
            linker.DefineFailing(module, (m, name) =>
                m == ImportNames.Preview1 && !grants.GrantsPreview1(name) ? Denied(d, m + "." + name, WasiGrants.GroupOfPreview1(name), preview1: true) : null);
            needs = Needs.Wasi;
        }
        return (WasmInstancePre.Create(module, linker), needs);
    }

    /// <summary>
    /// The host's own function <paramref name="function"/> of the WASI interface <paramref name="instanceName"/> for a
    /// planned component's core path: the implementation when the entry grants the interface, otherwise one that fails
    /// the call with PermissionDenied as <see cref="DefineComponent"/>'s stubs do; null when the host's own WASI does not
    /// have the interface or the function.
    /// </summary>
    public static HostFunction? CoreFunction(FunctionDescriptor d, string instanceName, string function)
    {
        if (WasiInterfaces.Find(instanceName) is not { } host || !host.Functions.TryGetValue(function, out var implementation)) return null;
        return Granted(new WasiGrants(d.Imports), instanceName)
            ? implementation
            : DeniedHost(d, instanceName + "#" + function, WasiGrants.GroupOf(instanceName));
    }

    /// <summary>Whether <paramref name="instance"/> is a WASI interface name.</summary>
    public static bool IsWasi(string instance) => instance.StartsWith("wasi:", StringComparison.Ordinal);

    /// <summary>
    /// The interfaces a <c>wasi:http/incoming-handler</c> component has without an <c>imports:</c> line: its request,
    /// response and their bodies are wasi:http/types and wasi:io resources (sending requests of its own,
    /// wasi:http/outgoing-handler, still needs <c>wasi:http</c>).
    /// </summary>
    private static bool IsHandlerOwn(string instance) =>
        WasiGrants.Unversioned(instance) is "wasi:http/types" or "wasi:io/error" or "wasi:io/streams" or "wasi:io/poll";

    /// <summary>Whether the guest may call the interface <paramref name="instance"/>: its group is granted, or it is always answered.</summary>
    private static bool Granted(WasiGrants grants, string instance) =>
        grants.Grants(WasiGrants.GroupOf(instance)) || WasiGrants.AlwaysAnswered(instance);

    /// <summary>
    /// The host interfaces among <paramref name="importedInstances"/> (a component's imports: WASI, the process mailbox)
    /// that <paramref name="imports"/> (an entry's normalized <c>imports:</c>) do not grant, grouped by the name to add
    /// (<c>wasi:random</c> → its interfaces), as the loader links them to PermissionDenied stubs. The build step warns
    /// about them. Interfaces answered whatever is granted, and a <c>wasi:http/incoming-handler</c>'s own
    /// (<paramref name="incomingHandler"/>), are left out.
    /// </summary>
    public static IReadOnlyList<(string Group, string[] Instances)> Ungranted(IEnumerable<string> importedInstances, IEnumerable<string> imports, bool incomingHandler)
    {
        var grants = new WasiGrants(imports);
        return importedInstances
            .Where(i => IsWasi(i) || Processes.ActorInterface.Is(i))
            .Where(i => !Granted(grants, i) && !(incomingHandler && IsHandlerOwn(i)))
            .GroupBy(WasiGrants.GroupOf, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Distinct(StringComparer.Ordinal).ToArray()))
            .ToList();
    }

    private static ComponentHostFunction Denied(FunctionDescriptor d, string function, string group)
    {
        return (_, _) => throw Denied(d, function, group, preview1: false);
    }

    private static HostFunction DeniedHost(FunctionDescriptor d, string function, string group)
    {
        return (_, _, _) => throw Denied(d, function, group, preview1: false);
    }

    private static WippyException Denied(FunctionDescriptor d, string function, string group, bool preview1)
    {
        var known = ImportNames.Wasi02.Contains(group);
        var hint = !known
            ? $"{group} is not a WASI interface this runtime provides"
            : preview1
                ? $"add '- {group}' (or '- wasi_snapshot_preview1' for all of preview1) to its imports: (entry declared at {d.DeclaredAt})"
                : $"add '- {group}' to its imports: (entry declared at {d.DeclaredAt})";
        return new WippyException(ErrorKind.PermissionDenied, d.Id,
            $"the guest called '{function}' of {group}, which this entry does not grant: {hint}");
    }
}
