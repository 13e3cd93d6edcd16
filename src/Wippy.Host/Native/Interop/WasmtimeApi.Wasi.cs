using System.Runtime.InteropServices;

namespace Wippy.Host.Native.Interop;

// wasi.h (wasi_config_t), the WASI parts of wasmtime/store.h and wasmtime/linker.h, and the host-function
// parts of wasmtime/linker.h and wasmtime/trap.h that failing imports need.
internal static unsafe partial class WasmtimeApi
{
    [LibraryImport(Library)]
    public static partial nint wasi_config_new();

    [LibraryImport(Library)]
    public static partial void wasi_config_delete(nint config);

    /// <summary>Copies the arguments; false when one is not valid UTF-8.</summary>
    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasi_config_set_argv(nint config, nuint argc, byte** argv);

    /// <summary>Copies the variables; false when one is not valid UTF-8.</summary>
    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasi_config_set_env(nint config, nuint envc, byte** names, byte** values);

    /// <summary>
    /// Sends every write of the guest's stdout to <paramref name="callback"/> (called on the thread running the guest,
    /// returning the bytes taken or a negative OS error); <paramref name="finalizer"/> frees <paramref name="data"/>.
    /// </summary>
    [LibraryImport(Library)]
    public static partial void wasi_config_set_stdout_custom(
        nint config, delegate* unmanaged<nint, byte*, nuint, nint> callback, nint data, delegate* unmanaged<nint, void> finalizer);

    /// <summary>Like <see cref="wasi_config_set_stdout_custom"/>, for stderr.</summary>
    [LibraryImport(Library)]
    public static partial void wasi_config_set_stderr_custom(
        nint config, delegate* unmanaged<nint, byte*, nuint, nint> callback, nint data, delegate* unmanaged<nint, void> finalizer);

    /// <summary>
    /// Grants the guest the host directory at <paramref name="guestPath"/>: that directory and nothing above it
    /// (Wasmtime 49+ signature: one "mutable" flag; read-only refuses every operation that changes the tree).
    /// </summary>
    [LibraryImport(Library)]
    [return: MarshalAs(UnmanagedType.U1)]
    public static partial bool wasi_config_preopen_dir(nint config, byte* hostPath, byte* guestPath, [MarshalAs(UnmanagedType.U1)] bool mutable);

    /// <summary>Lets the guest bind and connect to any address the host can reach (wasi:sockets; denied by default).</summary>
    [LibraryImport(Library)]
    public static partial void wasi_config_inherit_network(nint config);

    /// <summary>Allows or denies <c>wasi:sockets/ip-name-lookup</c> (denied by default).</summary>
    [LibraryImport(Library)]
    public static partial void wasi_config_allow_ip_name_lookup(nint config, [MarshalAs(UnmanagedType.U1)] bool allow);

    /// <summary>Sets the store's WASI state; takes ownership of <paramref name="config"/> even when it fails.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_context_set_wasi(nint context, nint config);

    /// <summary>Defines every WASI preview1 function (module <c>wasi_snapshot_preview1</c>) in a core linker.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_linker_define_wasi(nint linker);

    [LibraryImport(Library)]
    public static partial void wasmtime_linker_allow_shadowing(nint linker, [MarshalAs(UnmanagedType.U1)] bool allow);

    /// <summary>Defines a host function of type <paramref name="type"/> (borrowed) under module/name.</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_linker_define_func(
        nint linker, byte* module, nuint moduleLength, byte* name, nuint nameLength, nint type,
        delegate* unmanaged<nint, nint, nint, nuint, nint, nuint, nint> callback, nint data, delegate* unmanaged<nint, void> finalizer);

    /// <summary>A new trap with a message (a host function returns it to fail the guest's call).</summary>
    [LibraryImport(Library)]
    public static partial nint wasmtime_trap_new(byte* message, nuint length);

    /// <summary>Sets up the store for wasi:http (after <see cref="wasmtime_context_set_wasi"/>).</summary>
    [LibraryImport(Library)]
    public static partial void wasmtime_context_set_wasi_http(nint context);
}
