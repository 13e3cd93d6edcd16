using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasmtime/memory.h.
internal static unsafe partial class WasmtimeApi
{
    // The accessors below (and wasmtime_table_size) only read a pointer and a length: they never block, call back or allocate,
    // so the GC transition (several ns, paid after every guest call) is skipped.
    [LibraryImport(Library)]
    [System.Runtime.InteropServices.SuppressGCTransition]
    public static partial byte* wasmtime_memory_data(nint context, WasmtimeMemory* memory);

    [LibraryImport(Library)]
    [System.Runtime.InteropServices.SuppressGCTransition]
    public static partial nuint wasmtime_memory_data_size(nint context, WasmtimeMemory* memory);

    /// <summary>Current size in pages.</summary>
    [LibraryImport(Library)]
    public static partial ulong wasmtime_memory_size(nint context, WasmtimeMemory* memory);

    /// <summary>A table's current number of elements (<c>wasmtime/table.h</c>; the table has <c>wasmtime_memory_t</c>'s shape).</summary>
    [LibraryImport(Library)]
    [System.Runtime.InteropServices.SuppressGCTransition]
    public static partial ulong wasmtime_table_size(nint context, WasmtimeMemory* table);

    [LibraryImport(Library)]
    public static partial nint wasmtime_memory_grow(nint context, WasmtimeMemory* memory, ulong delta, ulong* previousSize);
}
