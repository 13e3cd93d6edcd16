using System.Text;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native.Components;

/// <summary>
/// An instantiated component (<c>wasmtime_component_instance_t</c>) living in a <see cref="WasmStore"/>; valid as
/// long as the store. After a trap (or an interrupt) the instance is poisoned: Wasmtime refuses every later call
/// ("cannot enter component instance"), so make a new one.
/// </summary>
internal sealed unsafe class WasmComponentInstance
{
    private readonly WasmtimeComponentInstance _instance;

    internal WasmComponentInstance(WasmStore store, WasmComponent component, in WasmtimeComponentInstance instance)
    {
        Store = store;
        Component = component;
        _instance = instance;
    }

    /// <summary>The store that owns the instance.</summary>
    public WasmStore Store { get; }

    /// <summary>The component this is an instance of.</summary>
    public WasmComponent Component { get; }

    /// <summary>Resolves an export of this instance (<c>wasmtime_component_instance_get_export_index</c>).</summary>
    /// <param name="name">The export name.</param>
    /// <param name="parent">The exported instance to look in; null for the top level.</param>
    /// <returns>The export index, or null when there is no such export.</returns>
    public WasmComponentExportIndex? GetExportIndex(string name, WasmComponentExportIndex? parent = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        int max = Encoding.UTF8.GetMaxByteCount(name.Length);
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : new byte[max];
        int length = Encoding.UTF8.GetBytes(name, buffer);
        WasmtimeComponentInstance instance = _instance;
        nint index;
        fixed (byte* n = buffer)
        {
            index = ComponentApi.wasmtime_component_instance_get_export_index(
                &instance, Store.Context, parent?.Handle ?? 0, n, (nuint)length);
        }

        return index == 0 ? null : new WasmComponentExportIndex(WasmtimeComponentExportIndexHandle.Own(index), this);
    }

    /// <summary>
    /// Finds an exported function by name: <c>add</c> at the top level, or <c>iface#func</c> for function
    /// <c>func</c> of exported instance <c>iface</c> (e.g. <c>wippy:test/math#add</c>).
    /// </summary>
    /// <param name="name">The name.</param>
    /// <param name="function">The function, when found.</param>
    /// <returns>Whether the function exists.</returns>
    public bool TryGetFunction(string name, out WasmComponentFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        function = default;
        int hash = name.LastIndexOf('#');
        if (hash < 0)
        {
            using WasmComponentExportIndex? index = GetExportIndex(name);
            return index is not null && TryGetFunction(index, out function);
        }

        using WasmComponentExportIndex? parent = GetExportIndex(name[..hash]);
        if (parent is null)
        {
            return false;
        }

        using WasmComponentExportIndex? item = GetExportIndex(name[(hash + 1)..], parent);
        return item is not null && TryGetFunction(item, out function);
    }

    /// <summary>Finds the function at a resolved export (from this instance or from its component).</summary>
    /// <param name="index">The export index.</param>
    /// <param name="function">The function, when the export is one.</param>
    /// <returns>Whether the export is a function.</returns>
    public bool TryGetFunction(WasmComponentExportIndex index, out WasmComponentFunction function)
    {
        ArgumentNullException.ThrowIfNull(index);
        function = default;
        WasmtimeComponentInstance instance = _instance;
        var func = default(WasmtimeComponentFunc);
        nint context = Store.Context;
        if (!ComponentApi.wasmtime_component_instance_get_func(&instance, context, index.Handle, &func))
        {
            return false;
        }

        nint type = ComponentApi.wasmtime_component_func_type(&func, context);
        int paramCount;
        int resultCount;
        try
        {
            paramCount = checked((int)ComponentApi.wasmtime_component_func_type_param_count(type));
            var resultType = default(WasmtimeComponentValType);
            resultCount = 0;
            if (ComponentApi.wasmtime_component_func_type_result(type, &resultType))
            {
                resultCount = 1;
                ComponentApi.wasmtime_component_valtype_delete(&resultType);
            }
        }
        finally
        {
            ComponentApi.wasmtime_component_func_type_delete(type);
        }

        function = new WasmComponentFunction(Store, func, paramCount, resultCount);
        return true;
    }

    /// <summary>Like <see cref="TryGetFunction(string, out WasmComponentFunction)"/>, throwing when absent.</summary>
    /// <param name="name">The name (<c>func</c> or <c>iface#func</c>).</param>
    /// <returns>The function.</returns>
    /// <exception cref="KeyNotFoundException">There is no such exported function.</exception>
    public WasmComponentFunction GetFunction(string name) =>
        TryGetFunction(name, out WasmComponentFunction function)
            ? function
            : throw new KeyNotFoundException($"The component instance exports no function '{name}'.");
}
