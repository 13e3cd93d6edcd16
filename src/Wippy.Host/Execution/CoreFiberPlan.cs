using System.Text;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Interop;
using Wippy.Modules.Components;

namespace Wippy.Host.Execution;

/// <summary>
/// How a planned component whose imports may wait runs on fibers (made once per entry): the suspending host functions
/// (<see cref="CoreSuspendingFunctions"/>, in a linker of their own) and the trampoline module its guest imports them
/// through. Each call of the entry's export is then polled through a future (<see cref="CoreFiberCall"/>), and a wait
/// of one of those imports suspends the guest instead of holding the caller's thread.
/// </summary>
/// <remarks>
/// The trampoline exists because a guest that reaches a suspending function during a synchronous call (the host's
/// calls of <c>cabi_realloc</c> and the post-return, a start function) aborts the process in Wasmtime 50. Per waiting
/// import <c>k</c> it exports <c>f{k}</c>: "if the host says a synchronous call is in progress
/// (<see cref="CoreFibers.SyncCalls"/>), call the blocking twin <c>b{k}</c>, else the suspending <c>s{k}</c>". A guest
/// behaving as components do never calls an import from those places; one that does is served, blocking its thread.
/// </remarks>
internal sealed class CoreFiberPlan : IDisposable
{
    private const string SuspendingModule = "wippy-suspending";

    private readonly WasmCoreLinker _linker;

    private CoreFiberPlan(WasmCoreLinker linker, WasmModule trampoline, int[] waiting, byte[] exportParams, int exportResults)
    {
        _linker = linker;
        Trampoline = trampoline;
        Waiting = waiting;
        ExportParamKinds = exportParams;
        ExportResultCount = exportResults;
    }

    /// <summary>The trampoline module (imports <c>wippy#sync</c>, then <c>s{k}</c> and <c>b{k}</c> per waiting lower; exports <c>f{k}</c>).</summary>
    public WasmModule Trampoline { get; }

    /// <summary>The lowered imports that may wait, by index into the plan's lowers.</summary>
    public int[] Waiting { get; }

    /// <summary>The core parameter kinds of the export a call runs (an async call passes typed values).</summary>
    public byte[] ExportParamKinds { get; }

    /// <summary>How many core results the export has.</summary>
    public int ExportResultCount { get; }

    /// <summary>
    /// The fiber plan of a component whose lowers <paramref name="waiting"/> may wait, calling <paramref name="export"/>
    /// (a function of <paramref name="exportModule"/>).
    /// </summary>
    public static CoreFiberPlan Create(WasmEngine engine, ComponentCorePlan plan, IReadOnlyList<WasmModule> modules, int[] waiting, WasmModule exportModule, string export)
    {
        var linker = new WasmCoreLinker(engine);
        try
        {
            var wat = new StringBuilder("(module\n  (import \"wippy\" \"sync\" (func $sync (result i32)))\n");
            var bodies = new StringBuilder();
            foreach (var lower in waiting)
            {
                var (module, index) = Importer(plan, lower);
                var type = modules[module].Imports[index].FunctionType
                    ?? throw new InvalidOperationException($"lowered import {lower} is not imported as a function");
                CoreSuspendingFunctions.Define(linker, SuspendingModule, lower.ToString(System.Globalization.CultureInfo.InvariantCulture), modules[module], index, lower);
                var signature = Signature(type);
                wat.Append($"  (import \"wippy\" \"s{lower}\" (func $s{lower} {signature}))\n");
                wat.Append($"  (import \"wippy\" \"b{lower}\" (func $b{lower} {signature}))\n");
                var args = string.Concat(Enumerable.Range(0, type.Params.Count).Select(i => $" local.get {i}"));
                var block = type.Results.Count == 0 ? "" : $" (result {string.Join(" ", type.Results.Select(Name))})";
                bodies.Append($"  (func (export \"f{lower}\") {signature}\n    call $sync\n    if{block}{args} call $b{lower}\n    else{args} call $s{lower}\n    end)\n");
            }
            wat.Append(bodies).Append(')');
            var trampoline = WasmModule.FromText(engine, wat.ToString());
            var exportType = exportModule.Exports.FirstOrDefault(e => e.Name == export)?.FunctionType
                ?? throw new InvalidOperationException($"the module exports no function '{export}'");
            return new CoreFiberPlan(linker, trampoline, waiting, exportType.Params.Select(k => (byte)k).ToArray(), exportType.Results.Count);
        }
        catch
        {
            linker.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Instantiates the trampoline in <paramref name="store"/>: <c>sync</c> reads <paramref name="fibers"/>, <c>b{k}</c> is
    /// <paramref name="blocking"/>(k); returns, by lower, the function the guest imports instead of the lower.
    /// </summary>
    public Dictionary<int, WasmtimeExtern> Instantiate(WasmStore store, CoreFibers fibers, Func<int, CorePlanInstantiator.LoweredFunction> blocking)
    {
        var imports = new Dictionary<string, Func<nint, WasmtimeExtern>>
        {
            ["sync"] = type => CorePlanInstantiator.HostFunction(store, type, slots => slots[0].I32 = fibers.SyncCalls > 0 ? 1 : 0),
        };
        foreach (var lower in Waiting)
        {
            var name = lower.ToString(System.Globalization.CultureInfo.InvariantCulture);
            imports["s" + name] = _ => CoreSuspendingFunctions.Get(_linker, store, SuspendingModule, name);
            imports["b" + name] = type => CorePlanInstantiator.HostFunction(store, type, blocking(lower));
        }
        var instance = CorePlanInstantiator.InstantiateWith(store, Trampoline, (_, name, type) => imports[name](type));
        var exports = new Dictionary<int, WasmtimeExtern>();
        foreach (var lower in Waiting)
        {
            if (!instance.TryGetExtern("f" + lower.ToString(System.Globalization.CultureInfo.InvariantCulture), out var item))
            {
                throw new InvalidOperationException($"the trampoline exports no function for lowered import {lower}");
            }
            exports[lower] = item;
        }
        return exports;
    }

    /// <summary>The first instantiation importing lowered function <paramref name="lower"/>: its module and the import's index.</summary>
    private static (int Module, int Index) Importer(ComponentCorePlan plan, int lower)
    {
        foreach (var instantiation in plan.Instantiations)
        {
            for (var i = 0; i < instantiation.Imports.Count; i++)
            {
                if (instantiation.Imports[i] is FromLower l && l.Lower == lower) return (instantiation.Module, i);
            }
        }
        throw new InvalidOperationException($"no core module imports lowered function {lower}");
    }

    private static string Signature(WasmFuncType type) =>
        (type.Params.Count == 0 ? "" : $"(param {string.Join(" ", type.Params.Select(Name))})") +
        (type.Results.Count == 0 ? "" : $" (result {string.Join(" ", type.Results.Select(Name))})");

    private static string Name(WasmValKind kind) => kind switch
    {
        WasmValKind.I32 => "i32",
        WasmValKind.I64 => "i64",
        WasmValKind.F32 => "f32",
        WasmValKind.F64 => "f64",
        _ => throw new NotSupportedException($"a lowered import takes or returns a {kind}, which no canonical lowering does"),
    };

    /// <summary>Frees the trampoline and the suspending functions' linker.</summary>
    public void Dispose()
    {
        Trampoline.Dispose();
        _linker.Dispose();
    }
}

/// <summary>
/// A planned component's store on fibers: whether the host is in a synchronous call into it (read by the trampoline's
/// <c>sync</c>), and the store's suspending function for each lowered import that may wait.
/// </summary>
internal sealed class CoreFibers(CoreFiberPlan plan, SuspendingFunction?[] suspending)
{
    /// <summary>The entry's fiber plan (the export's core signature).</summary>
    public CoreFiberPlan Plan { get; } = plan;

    /// <summary>Synchronous guest calls the host is making into the store now (<c>cabi_realloc</c>, post-return, instantiation).</summary>
    public int SyncCalls;

    /// <summary>By lowered import: the store's suspending function, or null for an import that does not wait.</summary>
    public SuspendingFunction?[] Suspending { get; } = suspending;
}
