using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.Native;
using Wippy.Modules.Components;

namespace Wippy.Host.Execution;

/// <summary>
/// A component called on the planned direct path: its core modules, compiled, instantiated in one store as its core
/// plan says (<see cref="CorePlanInstantiator"/>), each lowered import served by the app's C# implementation through
/// generated Canonical ABI code (<see cref="CoreHostFunction"/>), or, for WASI, by the host's own WASI at core level
/// (<see cref="WasiHost.Core.CoreWasiImport"/>, which also drops WASI handles). What the component model's run-time layer would do
/// between the guest and the host is done here and in generated code; the call itself is a core call
/// (<see cref="CoreCall"/>), as for a component that is one core module.
/// </summary>
internal sealed class PlannedComponent : IDisposable
{
    private readonly string _entryId;
    private readonly ComponentCorePlan _plan;
    private readonly ComponentLift _lift;
    private readonly WasmModule[] _modules;
    private readonly CoreHostFunction[] _imports;
    private readonly string[] _importNames;
    private readonly Dictionary<string, HostResourceType> _dropped; // the host resource type of each resource.drop's resource
    private readonly Wasi.WasiLinking.Needs _needs;
    private readonly CoreFiberPlan? _fibers;
    private readonly WasiHost.Core.CoreWasiImport?[]? _wasiWaiting;

    /// <param name="entryId">The entry, for errors.</param>
    /// <param name="plan">The component's core plan (complete: no <see cref="ComponentCorePlan.Problem"/>).</param>
    /// <param name="lift">The lift of the function the entry calls (its core instance and options known).</param>
    /// <param name="modules">The component's core modules, compiled; owned from here.</param>
    /// <param name="imports">The function serving each of <see cref="ComponentCorePlan.Lowers"/>, by index.</param>
    /// <param name="fibers">How the guest runs on fibers when some of its imports may wait (owned from here); null: never on fibers.</param>
    /// <param name="wasiWaiting">By lower: the WASI function that may wait, served suspending on a fiber (null: none, or not on fibers).</param>
    public PlannedComponent(string entryId, ComponentCorePlan plan, ComponentLift lift, WasmModule[] modules, CoreHostFunction[] imports,
        CoreFiberPlan? fibers = null, WasiHost.Core.CoreWasiImport?[]? wasiWaiting = null)
    {
        _fibers = fibers;
        _wasiWaiting = wasiWaiting;
        _entryId = entryId;
        _plan = plan;
        _lift = lift;
        _modules = modules;
        _imports = imports;
        _importNames = plan.Lowers.Select(l => HostInterface.ImportName(l.Import, l.Function)).ToArray();
        _dropped = plan.Instantiations.SelectMany(i => i.Imports).OfType<FromBuiltin>()
            .Select(b => b.Resource).Distinct()
            .ToDictionary(r => r!, r => WasiHost.Core.CoreWasi.ResourceType(r)
                ?? throw new InvalidOperationException($"the plan drops handles of '{r}', which the host's own WASI does not define"));
        // Served by the host's own WASI: each store gets its host state (resources, the entry's WASI context).
        var servesWasi = _dropped.Count > 0 || plan.Lowers.Any(l => l.Import is { } i && Wasi.WasiLinking.IsWasi(i));
        _needs = servesWasi ? Wasi.WasiLinking.Needs.Host : Wasi.WasiLinking.Needs.None;
    }

    /// <summary>Whether the guest runs on fibers: some of its imports may wait, and a wait suspends it (<see cref="CoreFiberPlan"/>).</summary>
    public bool OnFibers => _fibers is not null;

    /// <summary>Makes the component's core instances in a new store; the instance a call runs on.</summary>
    /// <exception cref="WasmtimeException">An instantiation failed (a start function trapped…).</exception>
    public CoreInstance Create(WasmEngine engine, Registry.LimitSettings limits, Wasi.GuestWasi? wasi)
    {
        var (store, watch, state) = GuestStore.Create(engine, _entryId, limits, _needs, wasi);
        try
        {
            var host = _needs == Wasi.WasiLinking.Needs.None ? null : WasmStore.HostStateOf(store.Context) as HostState;
            // On fibers, each import that may wait gets this store's suspending function; every call the host makes into
            // the store other than the export's (instantiation below, cabi_realloc, post-return) is counted in SyncCalls.
            var fibers = _fibers is null ? null : new CoreFibers(_fibers, new SuspendingFunction?[_plan.Lowers.Count]);
            // The lowered functions are made with the instances, but read the memory and realloc their lower names,
            // which the instances made after them (a shim's table is filled late) export: each view is made at the
            // import's first call (a start function may call it before the last instantiation; by then the memory and
            // realloc it names exist), or after the last instantiation.
            var views = new CoreInstance?[_plan.Lowers.Count];
            var made = new Dictionary<int, WasmInstance>();
            // Lowers with the same options share one view (a WASI adapter's twenty-odd lowers name one memory and realloc):
            // each export is looked up once per store.
            var byOptions = new Dictionary<((int, string)?, (int, string)?), CoreInstance>();
            CoreInstance View(int i)
            {
                if (views[i] is { } ready) return ready;
                var lower = _plan.Lowers[i];
                if (byOptions.TryGetValue((lower.Memory, lower.Realloc), out var shared)) return views[i] = shared;
                var (memory, realloc) = (Memory(made, lower.Memory), Function(made, lower.Realloc));
                var view = new CoreInstance(store, watch, state, default, memory, realloc, null, []) { Host = host, Fibers = fibers };
                // Kept once it has all its lower names (before that, a start function's call gets a view of its own).
                if ((lower.Memory is null || memory is not null) && (lower.Realloc is null || realloc is not null))
                {
                    views[i] = view;
                    byOptions[(lower.Memory, lower.Realloc)] = view;
                }
                return view;
            }
            Dictionary<int, Native.Interop.WasmtimeExtern>? given = null;
            if (fibers is not null)
            {
                foreach (var lower in _fibers!.Waiting) fibers.Suspending[lower] = Suspending(lower, View, watch);
                given = _fibers.Instantiate(store, fibers, lower => Lowered(lower, View, watch));
                fibers.SyncCalls++; // a start function is a synchronous call: no import may suspend it
            }
            CorePlanInstantiator.Instantiate(store, _plan, _modules, lower => Lowered(lower, View, watch),
                builtin => Dropping(builtin, host!, watch), made, given);
            if (fibers is not null) fibers.SyncCalls--;
            for (var i = 0; i < views.Length; i++) View(i);
            var export = Function(made, (_lift.CoreInstance!.Value, _lift.CoreExport!))
                ?? throw new InvalidOperationException($"core instance {_lift.CoreInstance} exports no function '{_lift.CoreExport}'");
            var storage = made.Values.SelectMany(i => i.ExportedStorage()).ToArray();
            return new CoreInstance(store, watch, state, export, Memory(made, Pair(_lift.Memory)), Function(made, Pair(_lift.Realloc)),
                Function(made, Pair(_lift.PostReturn)), storage) { Fibers = fibers };
        }
        catch (Exception e)
        {
            store.Dispose();
            GuestStartInterruptedException.ThrowIfInterrupted(watch, e);
            throw;
        }
    }

    /// <summary>
    /// Lowered import <paramref name="lower"/> as a core function: the app's implementation run with the call's
    /// cancellation (<see cref="ImportCancellation"/>), its failures turned into errors naming the import, as the
    /// component model path does (<see cref="Loading.ComponentImportLinker"/>).
    /// </summary>
    private CorePlanInstantiator.LoweredFunction Lowered(int lower, Func<int, CoreInstance> view, WasmInterruptWatch? watch)
    {
        var implementation = _imports[lower];
        var name = _importNames[lower];
        var entryId = _entryId;
        return slots =>
        {
            var frame = CoreCall.ForImport(entryId, view(lower));
            try
            {
                using (ImportCancellation.Enter(watch)) implementation(ref frame, slots);
            }
            catch (Exception e) when (Failure(entryId, name, watch, e) is { } failure)
            {
                throw failure;
            }
            HostWaits.ThrowIfStopped(watch); // it returned, but too late: the call has already run past its limit
        };
    }

    /// <summary>
    /// Lowered import <paramref name="lower"/> as a function that suspends the guest on its fiber while the awaiting
    /// implementation's operation runs (<see cref="CoreCall.Await{T}"/>); the same errors as <see cref="Lowered"/>.
    /// </summary>
    private SuspendingFunction Suspending(int lower, Func<int, CoreInstance> view, WasmInterruptWatch? watch)
    {
        if (_wasiWaiting?[lower] is { } wasi) return SuspendingWasi(wasi, lower, view, watch);
        var implementation = _imports[lower];
        var name = _importNames[lower];
        var entryId = _entryId;
        return slots =>
        {
            var suspension = new CoreImportSuspension();
            var frame = CoreCall.ForImport(entryId, view(lower), suspension);
            try
            {
                using (ImportCancellation.Enter(watch)) implementation(ref frame, slots);
            }
            catch (Exception e) when (Failure(entryId, name, watch, e) is { } failure)
            {
                throw failure;
            }
            if (suspension.Pending is not { } pending)
            {
                HostWaits.ThrowIfStopped(watch);
                return null;
            }
            return new CoreSuspension(pending.Task, completed =>
            {
                var resumed = CoreCall.ForImport(entryId, view(lower));
                try
                {
                    using (ImportCancellation.Enter(watch)) pending.Complete(ref resumed, completed);
                }
                catch (Exception e) when (Failure(entryId, name, watch, e) is { } failure)
                {
                    throw failure;
                }
                HostWaits.ThrowIfStopped(watch);
                return null;
            });
        };
    }

    /// <summary>
    /// WASI function <paramref name="wasi"/> (one that may wait) as a function that suspends the guest on its fiber at
    /// each wait, each later step run in a new frame once the wait has ended; the same errors as <see cref="Lowered"/>.
    /// </summary>
    private SuspendingFunction SuspendingWasi(WasiHost.Core.CoreWasiImport wasi, int lower, Func<int, CoreInstance> view, WasmInterruptWatch? watch)
    {
        var name = _importNames[lower];
        var entryId = _entryId;
        // Each step (the first, then one per ended wait) runs in a frame of its own; a wait it returns suspends the guest.
        CoreSuspension? Run(WasiStep step, ValueRaw[] slots)
        {
            var frame = CoreCall.ForImport(entryId, view(lower));
            WasiHost.Core.CoreWasiImport.CoreWasiWait? wait;
            try
            {
                wait = step(ref frame, slots);
            }
            catch (Exception e) when (Failure(entryId, name, watch, e) is { } failure)
            {
                throw failure;
            }
            HostWaits.ThrowIfStopped(watch);
            return wait is null ? null : new CoreSuspension(wait.Task, next => Run(wait.Resume, next), wait.WakeAt, () => wait.IsReady);
        }
        return slots => Run(wasi.Start, slots);
    }

    /// <summary>A step of a WASI function that may wait: the next wait, or null with its result written.</summary>
    private delegate WasiHost.Core.CoreWasiImport.CoreWasiWait? WasiStep(ref CoreCall frame, Span<ValueRaw> slots);

    /// <summary>
    /// The <c>resource.drop</c> built-in <paramref name="builtin"/> as a core function: the guest's handle of a host
    /// resource leaves the store's table (<see cref="WasiHost.Core.CoreWasiImport.Drop"/>).
    /// </summary>
    private CorePlanInstantiator.LoweredFunction Dropping(FromBuiltin builtin, HostState host, WasmInterruptWatch? watch)
    {
        var type = _dropped[builtin.Resource!];
        var entryId = _entryId;
        var name = $"[resource-drop]{type.Name}";
        return slots =>
        {
            try
            {
                WasiHost.Core.CoreWasiImport.Drop(host, type, slots);
            }
            catch (Exception e) when (Failure(entryId, name, watch, e) is { } failure)
            {
                throw failure;
            }
        };
    }

    /// <summary>
    /// What an import's exception fails the guest's call with: for what the implementation threw, what the component
    /// model path fails it with (<see cref="Loading.ComponentImportLinker.Failure"/>: the call's own stop, or the error
    /// naming the import, or the implementation's <see cref="WippyException"/> as it is); otherwise the call's own stop
    /// when it must stop, and a bad value read from or written to the guest (an Invalid error of the frame) naming the
    /// import; null to let any other error (a trap in <c>cabi_realloc</c>…) fail the call as it is.
    /// </summary>
    private static Exception? Failure(string entryId, string name, WasmInterruptWatch? watch, Exception e) => e switch
    {
        CoreImportFailure thrown => Loading.ComponentImportLinker.Failure(entryId, name, watch, thrown.Error) ?? thrown.Error,
        _ when HostWaits.Stopped(watch) is { } stopped => stopped,
        WippyException { Kind: ErrorKind.Invalid } value when value.EntryId == entryId =>
            new WippyException(ErrorKind.Invalid, entryId, $"the import '{name}': {value.Detail}", value),
        _ => null,
    };

    private static (int, string)? Pair(CoreExportRef? reference) => reference is null ? null : (reference.Instance, reference.Name);

    private static WasmFunction? Function(IReadOnlyDictionary<int, WasmInstance> made, (int Instance, string Export)? where) =>
        where is { } w && made.TryGetValue(w.Instance, out var instance) && instance.TryGetFunction(w.Export, out var function) ? function : null;

    private static WasmMemory? Memory(IReadOnlyDictionary<int, WasmInstance> made, (int Instance, string Export)? where) =>
        where is { } w && made.TryGetValue(w.Instance, out var instance) && instance.TryGetMemory(w.Export, out var memory) ? memory : null;

    /// <summary>Frees the compiled modules (and the fiber plan).</summary>
    public void Dispose()
    {
        _fibers?.Dispose();
        foreach (var module in _modules) module.Dispose();
    }
}
