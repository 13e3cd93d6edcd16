using System.Text;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native.Components;

/// <summary>
/// A compiled WebAssembly component (<c>wasmtime_component_t</c>). Immutable and thread-safe: compile once,
/// instantiate in many stores through a <see cref="WasmComponentLinker"/>.
/// </summary>
internal sealed unsafe class WasmComponent : IDisposable
{
    private readonly WasmtimeComponentHandle _handle;

    private WasmComponent(WasmEngine engine, WasmtimeComponentHandle handle)
    {
        Engine = engine;
        _handle = handle;
    }

    /// <summary>The engine the component was compiled with.</summary>
    public WasmEngine Engine { get; }

    /// <summary>The native component; throws <see cref="ObjectDisposedException"/> after <see cref="Dispose"/>.</summary>
    internal WasmtimeComponentHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>
    /// Parses component text (WAT, <c>(component ...)</c>) with <c>wasmtime_wat2wasm</c> and compiles it. Write
    /// lift options as <c>(memory (core memory $i "memory"))</c> and <c>(realloc (core func $i "cabi_realloc"))</c>.
    /// </summary>
    /// <param name="engine">The engine to compile with.</param>
    /// <param name="wat">The component text.</param>
    /// <returns>The compiled component.</returns>
    /// <exception cref="WasmCompileException">The text does not parse, or the component does not validate or compile.</exception>
    public static WasmComponent FromText(WasmEngine engine, string wat)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return WatText.Compile(wat, wasm => FromBytes(engine, wasm));
    }

    /// <summary>Validates and compiles a component binary.</summary>
    /// <param name="engine">The engine to compile with.</param>
    /// <param name="wasm">The component binary.</param>
    /// <returns>The compiled component.</returns>
    /// <exception cref="WasmCompileException">The bytes are not a valid component (a core module is rejected too).</exception>
    public static WasmComponent FromBytes(WasmEngine engine, ReadOnlySpan<byte> wasm)
    {
        ArgumentNullException.ThrowIfNull(engine);
        nint component;
        nint error;
        fixed (byte* bytes = wasm)
        {
            error = ComponentApi.wasmtime_component_new(engine.Handle, bytes, (nuint)wasm.Length, &component);
        }

        if (error != 0)
        {
            throw NativeErrors.CompileError(error);
        }

        return new WasmComponent(engine, WasmtimeComponentHandle.Own(component));
    }

    /// <summary>
    /// Loads a component from bytes produced by <see cref="Serialize"/> with a compatible engine. Only pass
    /// trusted bytes: the machine code in them is run.
    /// </summary>
    /// <param name="engine">The engine to load into.</param>
    /// <param name="serialized">The serialized component.</param>
    /// <returns>The component.</returns>
    /// <exception cref="WasmtimeException">The bytes are not a compatible serialized component.</exception>
    public static WasmComponent Deserialize(WasmEngine engine, ReadOnlySpan<byte> serialized)
    {
        ArgumentNullException.ThrowIfNull(engine);
        nint component;
        nint error;
        fixed (byte* bytes = serialized)
        {
            error = ComponentApi.wasmtime_component_deserialize(engine.Handle, bytes, (nuint)serialized.Length, &component);
        }

        NativeErrors.ThrowIfError(error);
        return new WasmComponent(engine, WasmtimeComponentHandle.Own(component));
    }

    /// <summary>Another owner of this compiled component: disposed on its own, sharing the code (nothing is compiled or copied).</summary>
    public WasmComponent Clone() => new(Engine, WasmtimeComponentHandle.Own(ComponentApi.wasmtime_component_clone(Handle)));

    /// <summary>Serializes the compiled component (machine code included) for <see cref="Deserialize"/>.</summary>
    /// <returns>The serialized bytes.</returns>
    public byte[] Serialize()
    {
        var vec = default(WasmByteVec);
        NativeErrors.ThrowIfError(ComponentApi.wasmtime_component_serialize(Handle, &vec));
        try
        {
            return vec.AsSpan().ToArray();
        }
        finally
        {
            WasmtimeApi.wasm_byte_vec_delete(&vec);
        }
    }

    /// <summary>
    /// Resolves an export once, for fast lookups in every instance (<c>wasmtime_component_get_export_index</c>).
    /// </summary>
    /// <param name="name">The export name, e.g. <c>add</c> or <c>wippy:test/math</c>.</param>
    /// <param name="parent">The exported instance to look in; null for the component's top level.</param>
    /// <returns>The export index, or null when there is no such export.</returns>
    public WasmComponentExportIndex? GetExportIndex(string name, WasmComponentExportIndex? parent = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        byte[] utf8 = Encoding.UTF8.GetBytes(name);
        nint index;
        fixed (byte* n = utf8)
        {
            index = ComponentApi.wasmtime_component_get_export_index(Handle, parent?.Handle ?? 0, n, (nuint)utf8.Length);
        }

        return index == 0 ? null : new WasmComponentExportIndex(WasmtimeComponentExportIndexHandle.Own(index), this);
    }

    /// <summary>Releases this reference to the native component.</summary>
    public void Dispose() => _handle.Dispose();
}

/// <summary>
/// A resolved export of a component (<c>wasmtime_component_export_index_t</c>): a function or an exported
/// instance. One from <see cref="WasmComponent.GetExportIndex"/> works in every instance of that component.
/// </summary>
internal sealed class WasmComponentExportIndex : IDisposable
{
    private readonly WasmtimeComponentExportIndexHandle _handle;

    internal WasmComponentExportIndex(WasmtimeComponentExportIndexHandle handle, object owner)
    {
        _handle = handle;
        Owner = owner;
    }

    /// <summary>The component or instance the index was resolved in (kept alive with it).</summary>
    internal object Owner { get; }

    internal nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle.DangerousGetHandle();
        }
    }

    /// <summary>Frees the native index.</summary>
    public void Dispose() => _handle.Dispose();
}
