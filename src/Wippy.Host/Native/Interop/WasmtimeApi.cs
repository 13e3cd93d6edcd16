using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

/// <summary>
/// P/Invoke declarations for the Wasmtime C API, split into one partial file per C header
/// (<c>crates/c-api/include/wasm.h</c> and <c>wasmtime/*.h</c>). Every declaration uses
/// <see cref="LibraryImportAttribute"/> with blittable signatures (pointers, integers, structs that
/// contain only those), so the generated stubs do no marshalling work and nothing needs reflection.
/// </summary>
/// <remarks>
/// Naming follows the C functions exactly so a reader can grep the headers. Opaque C pointers are
/// <see cref="nint"/>; "own" results must be released with the matching <c>*_delete</c> function.
/// Layouts and signatures were checked against the headers of Wasmtime 48/49 (the newest tagged
/// sources available) and at run time against the library shipped in the Wasmtime 50.0.1 package.
/// </remarks>
internal static unsafe partial class WasmtimeApi
{
    /// <summary>The native library name; resolves to <c>libwasmtime.so</c> beside the app or under <c>runtimes/</c>.</summary>
    public const string Library = "wasmtime";

    // Before the first native call: a single-file app carries libwasmtime inside itself (EmbeddedNativeLibraries).
    static WasmtimeApi() => EmbeddedNativeLibraries.EnsureResolver();

    // wasm.h: wasm_byte_vec_t (and wasm_name_t / wasm_message_t, which are typedefs of it).

    [LibraryImport(Library)]
    public static partial void wasm_byte_vec_delete(WasmByteVec* vec);
}
