using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// A compiled core WebAssembly module (<c>wasmtime_module_t</c>). Immutable and thread-safe: compile once,
/// instantiate in many stores. Instances keep the native module alive on their own.
/// </summary>
internal sealed unsafe class WasmModule : IDisposable
{
    private readonly WasmtimeModuleHandle _handle;
    private WasmExportInfo[]? _exports;
    private WasmImportInfo[]? _imports;
    private Dictionary<string, WasmExportInfo>? _exportsByName;

    private WasmModule(WasmEngine engine, WasmtimeModuleHandle handle)
    {
        Engine = engine;
        _handle = handle;
    }

    /// <summary>The engine the module was compiled with; it can only be instantiated in that engine's stores.</summary>
    public WasmEngine Engine { get; }

    /// <summary>The module's exports, in declaration order.</summary>
    public IReadOnlyList<WasmExportInfo> Exports =>
        Volatile.Read(ref _exports) ?? Publish(ref _exports, TypeReader.ReadExports(Handle));

    /// <summary>The module's imports, in declaration order.</summary>
    public IReadOnlyList<WasmImportInfo> Imports =>
        Volatile.Read(ref _imports) ?? Publish(ref _imports, TypeReader.ReadImports(Handle));

    /// <summary>The native module; throws <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.</summary>
    internal WasmtimeModuleHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>Parses WebAssembly text (WAT) with <c>wasmtime_wat2wasm</c> and compiles it.</summary>
    /// <param name="engine">The engine to compile with.</param>
    /// <param name="wat">The module text.</param>
    /// <returns>The compiled module.</returns>
    /// <exception cref="WasmCompileException">
    /// The text does not parse (with <see cref="WasmCompileException.Line"/>/<see cref="WasmCompileException.Column"/>),
    /// or the module does not validate or compile.
    /// </exception>
    public static WasmModule FromText(WasmEngine engine, string wat)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return WatText.Compile(wat, wasm => FromBytes(engine, wasm));
    }

    /// <summary>Validates and compiles a core module binary.</summary>
    /// <param name="engine">The engine to compile with.</param>
    /// <param name="wasm">The module binary.</param>
    /// <returns>The compiled module.</returns>
    /// <exception cref="WasmCompileException">The bytes are not a valid module (or are a component).</exception>
    public static WasmModule FromBytes(WasmEngine engine, ReadOnlySpan<byte> wasm)
    {
        ArgumentNullException.ThrowIfNull(engine);
        nint module;
        nint error;
        fixed (byte* bytes = wasm)
        {
            error = WasmtimeApi.wasmtime_module_new(engine.Handle, bytes, (nuint)wasm.Length, &module);
        }

        if (error != 0)
        {
            throw NativeErrors.CompileError(error);
        }

        return new WasmModule(engine, Own(module));
    }

    /// <summary>
    /// Loads a module from bytes produced by <see cref="Serialize"/> with a compatible engine (same Wasmtime
    /// version and settings). Nothing is compiled. Only pass trusted bytes: Wasmtime checks the version and
    /// settings but runs the machine code it finds.
    /// </summary>
    /// <param name="engine">The engine to load into.</param>
    /// <param name="serialized">The serialized module.</param>
    /// <returns>The module.</returns>
    /// <exception cref="WasmtimeException">The bytes are not a compatible serialized module.</exception>
    public static WasmModule Deserialize(WasmEngine engine, ReadOnlySpan<byte> serialized)
    {
        ArgumentNullException.ThrowIfNull(engine);
        nint module;
        nint error;
        fixed (byte* bytes = serialized)
        {
            error = WasmtimeApi.wasmtime_module_deserialize(engine.Handle, bytes, (nuint)serialized.Length, &module);
        }

        NativeErrors.ThrowIfError(error);
        return new WasmModule(engine, Own(module));
    }

    /// <summary>Another owner of this compiled module: disposed on its own, sharing the code (nothing is compiled or copied).</summary>
    public WasmModule Clone() => new(Engine, Own(WasmtimeApi.wasmtime_module_clone(Handle)));

    /// <summary>Serializes the compiled module (machine code included) for <see cref="Deserialize"/>.</summary>
    /// <returns>The serialized bytes.</returns>
    public byte[] Serialize()
    {
        var vec = default(WasmByteVec);
        NativeErrors.ThrowIfError(WasmtimeApi.wasmtime_module_serialize(Handle, &vec));
        try
        {
            return vec.AsSpan().ToArray();
        }
        finally
        {
            WasmtimeApi.wasm_byte_vec_delete(&vec);
        }
    }

    /// <summary>Finds an export by name.</summary>
    /// <param name="name">The export name.</param>
    /// <param name="export">The export, when found.</param>
    /// <returns>Whether the module exports <paramref name="name"/>.</returns>
    public bool TryGetExport(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WasmExportInfo? export)
    {
        ArgumentNullException.ThrowIfNull(name);
        Dictionary<string, WasmExportInfo> byName = Volatile.Read(ref _exportsByName) ?? Publish(ref _exportsByName, IndexExports());
        return byName.TryGetValue(name, out export);
    }

    /// <summary>Releases this reference to the native module.</summary>
    public void Dispose() => _handle.Dispose();

    // Lazily computed values are immutable once built; a race builds one twice and keeps the first.
    private static T Publish<T>(ref T? field, T value)
        where T : class =>
        Interlocked.CompareExchange(ref field, value, null) ?? value;

    private Dictionary<string, WasmExportInfo> IndexExports()
    {
        var map = new Dictionary<string, WasmExportInfo>(StringComparer.Ordinal);
        foreach (WasmExportInfo item in Exports)
        {
            map.TryAdd(item.Name, item);
        }

        return map;
    }

    private static WasmtimeModuleHandle Own(nint module)
    {
        var handle = new WasmtimeModuleHandle();
        System.Runtime.InteropServices.Marshal.InitHandle(handle, module);
        return handle;
    }
}
