using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasmtime/memory.h.
internal static unsafe partial class WasmtimeApi
{
    // The two accessors below only read a pointer and a length: they never block, call back or allocate,
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

    [LibraryImport(Library)]
    public static partial nint wasmtime_memory_grow(nint context, WasmtimeMemory* memory, ulong delta, ulong* previousSize);
}
