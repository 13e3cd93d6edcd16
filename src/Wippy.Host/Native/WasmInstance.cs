using System.Text;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// An instantiated module (<c>wasmtime_instance_t</c>) living in a <see cref="WasmStore"/>. It has no native
/// resources of its own: the store owns it, and it is valid as long as the store is.
/// </summary>
/// <remarks>
/// Today <see cref="Instantiate"/> handles modules without imports; a linker that satisfies imports will
/// produce instances through the same internal constructor. After a trap, do not call into an instance again:
/// make a new one.
/// </remarks>
internal sealed unsafe class WasmInstance
{
    private readonly WasmtimeInstance _instance;

    internal WasmInstance(WasmStore store, WasmModule module, in WasmtimeInstance instance)
    {
        Store = store;
        Module = module;
        _instance = instance;
    }

    /// <summary>The store that owns the instance.</summary>
    public WasmStore Store { get; }

    /// <summary>The module this is an instance of.</summary>
    public WasmModule Module { get; }

    /// <summary>Instantiates a module that has no imports, running its start function if it has one.</summary>
    /// <param name="store">The store to create the instance in.</param>
    /// <param name="module">The module; it must come from the store's engine.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="WasmtimeException">The module has imports (the message lists them) or instantiation failed.</exception>
    /// <exception cref="WasmTrapException">The start function trapped.</exception>
    public static WasmInstance Instantiate(WasmStore store, WasmModule module)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        if (!ReferenceEquals(store.Engine, module.Engine))
        {
            throw new ArgumentException("The module was compiled by a different engine than the store's.", nameof(module));
        }

        IReadOnlyList<WasmImportInfo> imports = module.Imports;
        if (imports.Count > 0)
        {
            throw new WasmtimeException(
                $"The module has {imports.Count} import(s), and instantiation without a linker cannot satisfy them: "
                + string.Join(", ", imports) + ".");
        }

        var instance = default(WasmtimeInstance);
        nint trap = 0;
        nint error = WasmtimeApi.wasmtime_instance_new(store.Context, module.Handle, null, 0, &instance, &trap);
        if (error != 0 || trap != 0)
        {
            NativeErrors.Throw(error, trap);
        }

        return new WasmInstance(store, module, instance);
    }

    /// <summary>Finds an exported function.</summary>
    /// <param name="name">The export name.</param>
    /// <param name="function">The function, when found.</param>
    /// <returns>Whether <paramref name="name"/> is an exported function.</returns>
    public bool TryGetFunction(string name, out WasmFunction function)
    {
        function = default;
        if (!Module.TryGetExport(name, out WasmExportInfo? export) || export.FunctionType is null)
        {
            return false;
        }

        if (!TryGetExtern(name, out WasmtimeExtern item) || item.Kind != WasmtimeExtern.KindFunc)
        {
            return false;
        }

        function = new WasmFunction(Store, item.Func, export.FunctionType.SlotCount);
        return true;
    }

    /// <summary>Finds an exported (non-shared) linear memory.</summary>
    /// <param name="name">The export name.</param>
    /// <param name="memory">The memory, when found.</param>
    /// <returns>Whether <paramref name="name"/> is an exported memory.</returns>
    public bool TryGetMemory(string name, out WasmMemory memory)
    {
        memory = default;
        if (!Module.TryGetExport(name, out WasmExportInfo? export) || export.Kind != WasmExternKind.Memory)
        {
            return false;
        }

        if (!TryGetExtern(name, out WasmtimeExtern item))
        {
            return false;
        }

        if (item.Kind != WasmtimeExtern.KindMemory)
        {
            // A shared memory owns a reference; give it back.
            WasmtimeApi.wasmtime_extern_delete(&item);
            return false;
        }

        memory = new WasmMemory(Store, item.Memory);
        return true;
    }

    /// <summary>
    /// The instance's exported linear memories and tables, for <see cref="StorageBytes"/>: found once, since they
    /// stay the same for the life of the store. Memories and tables the module does not export cannot be seen
    /// through Wasmtime's C API (the store's limits still cap them).
    /// </summary>
    public WasmtimeExtern[] ExportedStorage()
    {
        List<WasmtimeExtern>? found = null; // most modules called through compute-like exports have none: no allocation then
        foreach (WasmExportInfo export in Module.Exports)
        {
            if (export.Kind is not (WasmExternKind.Memory or WasmExternKind.Table) || !TryGetExtern(export.Name, out WasmtimeExtern item)) continue;
            if (item.Kind is WasmtimeExtern.KindMemory or WasmtimeExtern.KindTable) (found ??= []).Add(item);
            else WasmtimeApi.wasmtime_extern_delete(&item); // a shared memory owns a reference
        }
        return found is null ? [] : found.ToArray();
    }

    /// <summary>
    /// The bytes <paramref name="storage"/> (from <see cref="ExportedStorage"/>) holds now: each memory's size, plus
    /// <see cref="TableElementBytes"/> per table element.
    /// </summary>
    public static ulong StorageBytes(WasmStore store, WasmtimeExtern[] storage)
    {
        ulong total = 0;
        var context = store.Context;
        foreach (var item in storage)
        {
            var copy = item;
            total += item.Kind == WasmtimeExtern.KindMemory
                ? WasmtimeApi.wasmtime_memory_data_size(context, &copy.Memory)
                : WasmtimeApi.wasmtime_table_size(context, &copy.Table) * TableElementBytes;
        }
        return total;
    }

    /// <summary>What Wasmtime keeps per table element: one pointer.</summary>
    public const ulong TableElementBytes = 8;

    internal bool TryGetExtern(string name, out WasmtimeExtern item)
    {
        int max = Encoding.UTF8.GetMaxByteCount(name.Length);
        Span<byte> buffer = max <= 256 ? stackalloc byte[256] : new byte[max];
        int length = Encoding.UTF8.GetBytes(name, buffer);
        WasmtimeInstance instance = _instance;
        WasmtimeExtern result;
        bool found;
        fixed (byte* utf8 = buffer)
        {
            found = WasmtimeApi.wasmtime_instance_export_get(Store.Context, &instance, utf8, (nuint)length, &result);
        }

        item = found ? result : default;
        return found;
    }
}
