using System.Runtime.InteropServices;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Interop;
using Wippy.Modules.Components;

namespace Wippy.Host.Native;

/// <summary>
/// Instantiates a component's core modules in one store as its core plan says (<see cref="ComponentCorePlan"/>):
/// in the component's order, each import given what the plan names, an earlier instantiation's export, a host
/// function for a lowered import, or one for a <c>resource.drop</c> of a host resource. The groundwork of calling components with imports directly: with the lowered
/// functions done in C#, the component model's run-time layer is not needed.
/// </summary>
internal static unsafe class CorePlanInstantiator
{
    /// <summary>
    /// A lowered import as a core function: the arguments in the first slots of <paramref name="slots"/>, its results to
    /// be left in the first slots (core types as the module imports it). An exception fails the guest's call with it
    /// (<see cref="HostCallFailure"/>).
    /// </summary>
    public delegate void LoweredFunction(Span<ValueRaw> slots);

    /// <summary>
    /// Makes every instantiation of <paramref name="plan"/> in <paramref name="store"/>; returns the instances by their
    /// core instance index.
    /// </summary>
    /// <param name="store">The store every instance is made in.</param>
    /// <param name="plan">The component's core plan (without a <see cref="ComponentCorePlan.Problem"/>).</param>
    /// <param name="modules">The plan's core modules, compiled (index = <see cref="CoreInstantiation.Module"/>).</param>
    /// <param name="lowered">The host function for each <see cref="ComponentCorePlan.Lowers"/> index, made once per store.</param>
    /// <param name="builtin">The host function for a canonical built-in the plan covers (<c>resource.drop</c> of a host resource), made per import; without it such an import cannot be given.</param>
    /// <param name="made">Where the instances go as they are made (a host function called by a start function, before
    /// the last instantiation, finds the earlier ones there); a new dictionary when null.</param>
    /// <param name="given">Lowered imports given as they are (by lower index: a trampoline's export), instead of <paramref name="lowered"/>'s function.</param>
    /// <exception cref="NotSupportedException">The plan has an import it cannot give (<see cref="ComponentCorePlan.Problem"/>).</exception>
    /// <exception cref="WasmtimeException">An instantiation failed (a start function trapped…).</exception>
    public static IReadOnlyDictionary<int, WasmInstance> Instantiate(WasmStore store, ComponentCorePlan plan, IReadOnlyList<WasmModule> modules,
        Func<int, LoweredFunction> lowered, Func<FromBuiltin, LoweredFunction>? builtin = null, Dictionary<int, WasmInstance>? made = null,
        IReadOnlyDictionary<int, WasmtimeExtern>? given = null)
    {
        if (plan.Problem is { } problem) throw new NotSupportedException("the component's core plan is incomplete: " + problem);
        made ??= new Dictionary<int, WasmInstance>();
        var hostFunctions = new Dictionary<int, WasmtimeFunc>();
        foreach (var instantiation in plan.Instantiations)
        {
            var module = modules[instantiation.Module];
            var types = ImportTypes(module);
            try
            {
                var imports = new WasmtimeExtern[instantiation.Imports.Count];
                for (var i = 0; i < imports.Length; i++)
                {
                    imports[i] = instantiation.Imports[i] switch
                    {
                        // A shared memory's extern owns a reference the caller must release; no planned component has one.
                        FromCoreExport e when made.TryGetValue(e.Instance, out var from) && from.TryGetExtern(e.Export, out var item) =>
                            item.Kind != WasmtimeExtern.KindSharedMemory ? item : throw new NotSupportedException($"'{e.Module}#{e.Name}' is a shared memory, which the plan does not pass on"),
                        FromCoreExport e => throw new NotSupportedException($"core instance {e.Instance} has no export '{e.Export}' for '{e.Module}#{e.Name}'"),
                        FromLower l when given is not null && given.TryGetValue(l.Lower, out var item) => item,
                        FromLower l => HostFunction(store, types.Data[i], l.Lower, hostFunctions, lowered),
                        FromBuiltin { Builtin: "resource.drop" } b when builtin is not null => HostFunction(store, types.Data[i], builtin(b)),
                        var other => throw new NotSupportedException($"the plan cannot give '{other.Module}#{other.Name}'"),
                    };
                }
                made[instantiation.Instance] = NewInstance(store, module, imports);
            }
            finally
            {
                WasmtimeApi.wasm_importtype_vec_delete(&types);
            }
        }
        return made;
    }

    /// <summary>
    /// Instantiates <paramref name="module"/> in <paramref name="store"/>, each import given by <paramref name="import"/>
    /// (its module name, its name, its <c>wasm_importtype_t*</c>).
    /// </summary>
    /// <exception cref="WasmtimeException">The instantiation failed.</exception>
    public static WasmInstance InstantiateWith(WasmStore store, WasmModule module, Func<string, string, nint, WasmtimeExtern> import)
    {
        var types = ImportTypes(module);
        try
        {
            var imports = new WasmtimeExtern[(int)types.Size];
            for (var i = 0; i < imports.Length; i++)
            {
                var type = types.Data[i];
                imports[i] = import(WasmtimeApi.wasm_importtype_module(type)->ToUtf8String(), WasmtimeApi.wasm_importtype_name(type)->ToUtf8String(), type);
            }
            return NewInstance(store, module, imports);
        }
        finally
        {
            WasmtimeApi.wasm_importtype_vec_delete(&types);
        }
    }

    /// <summary><c>wasmtime_instance_new</c> with <paramref name="imports"/> in the module's order.</summary>
    private static WasmInstance NewInstance(WasmStore store, WasmModule module, WasmtimeExtern[] imports)
    {
        var instance = default(WasmtimeInstance);
        nint trap = 0;
        nint error;
        fixed (WasmtimeExtern* items = imports)
        {
            error = WasmtimeApi.wasmtime_instance_new(store.Context, module.Handle, items, (nuint)imports.Length, &instance, &trap);
        }
        if (error != 0 || trap != 0) NativeErrors.Throw(error, trap);
        return new WasmInstance(store, module, instance);
    }

    /// <summary>The module's import types, in order (the caller deletes the vector).</summary>
    private static WasmPtrVec ImportTypes(WasmModule module)
    {
        var vec = default(WasmPtrVec);
        WasmtimeApi.wasmtime_module_imports(module.Handle, &vec);
        return vec;
    }

    /// <summary>The store's host function for lowered import <paramref name="lower"/> (one per store, however many modules import it).</summary>
    private static WasmtimeExtern HostFunction(WasmStore store, nint importType, int lower, Dictionary<int, WasmtimeFunc> made, Func<int, LoweredFunction> lowered)
    {
        if (!made.TryGetValue(lower, out var func))
        {
            func = NewFunc(store, importType, lowered(lower));
            made[lower] = func;
        }
        return FuncExtern(func);
    }

    /// <summary>A host function of its own for one import (<paramref name="importType"/> a <c>wasm_importtype_t*</c> of a function).</summary>
    public static WasmtimeExtern HostFunction(WasmStore store, nint importType, LoweredFunction function) =>
        FuncExtern(NewFunc(store, importType, function));

    /// <summary>A host function of the import's own core type, calling <paramref name="function"/>.</summary>
    private static WasmtimeFunc NewFunc(WasmStore store, nint importType, LoweredFunction function)
    {
        var type = WasmtimeApi.wasm_externtype_as_functype_const(WasmtimeApi.wasm_importtype_type(importType));
        nint data = GCHandle.ToIntPtr(GCHandle.Alloc(function));
        var func = default(WasmtimeFunc);
        // The store owns the function from here: it runs the finalizer (freeing the handle) when it is dropped.
        WasmtimeApi.wasmtime_func_new_unchecked(store.Context, type, &Call, data, &Free, &func);
        return func;
    }

    private static WasmtimeExtern FuncExtern(WasmtimeFunc func)
    {
        var item = default(WasmtimeExtern);
        item.Kind = WasmtimeExtern.KindFunc;
        item.Func = func;
        return item;
    }

    [UnmanagedCallersOnly]
    private static nint Call(nint data, nint caller, ValueRaw* slots, nuint count)
    {
        try
        {
            ((LoweredFunction)GCHandle.FromIntPtr(data).Target!)(new Span<ValueRaw>(slots, (int)count));
            return 0;
        }
        catch (Exception e)
        {
            return HostCallFailure.Trap(e);
        }
    }

    [UnmanagedCallersOnly]
    private static void Free(nint data) => GCHandle.FromIntPtr(data).Free();
}
