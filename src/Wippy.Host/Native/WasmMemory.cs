using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// An exported linear memory: a copy of Wasmtime's <c>wasmtime_memory_t</c> plus its store. A small value type;
/// valid while its store lives; <c>default</c> is not a memory.
/// </summary>
/// <remarks>
/// The base address and size change when the memory grows (the guest's <c>memory.grow</c>, or
/// <see cref="Grow"/>). Any pointer or span obtained from <see cref="Data"/> or <see cref="GetSpan"/> must be
/// fetched again after every call into the guest and after every grow; never keep one across a call.
/// </remarks>
internal readonly unsafe struct WasmMemory
{
    private readonly WasmStore? _store;
    private readonly WasmtimeMemory _memory;

    internal WasmMemory(WasmStore store, in WasmtimeMemory memory)
    {
        _store = store;
        _memory = memory;
    }

    /// <summary>The store the memory lives in; null for <c>default</c>.</summary>
    public WasmStore? Store => _store;

    /// <summary>The current base address (see the remarks: re-fetch after every guest call).</summary>
    public byte* Data
    {
        get
        {
            WasmtimeMemory memory = _memory;
            return WasmtimeApi.wasmtime_memory_data(Context, &memory);
        }
    }

    /// <summary>The current size in bytes.</summary>
    public nuint DataSize
    {
        get
        {
            WasmtimeMemory memory = _memory;
            return WasmtimeApi.wasmtime_memory_data_size(Context, &memory);
        }
    }

    /// <summary>The current size in pages (64 KiB each unless the module declares a custom page size).</summary>
    public ulong PageCount
    {
        get
        {
            WasmtimeMemory memory = _memory;
            return WasmtimeApi.wasmtime_memory_size(Context, &memory);
        }
    }

    /// <summary>
    /// The memory as a span. A span cannot exceed <see cref="int.MaxValue"/> bytes, so for a larger memory
    /// this covers only its first <see cref="int.MaxValue"/> bytes (use <see cref="Data"/> beyond that).
    /// Re-fetch after every guest call (see the remarks).
    /// </summary>
    /// <returns>A span over the current memory.</returns>
    public Span<byte> GetSpan()
    {
        nint context = Context;
        WasmtimeMemory memory = _memory;
        byte* data = WasmtimeApi.wasmtime_memory_data(context, &memory);
        nuint size = WasmtimeApi.wasmtime_memory_data_size(context, &memory);
        return new Span<byte>(data, size > int.MaxValue ? int.MaxValue : (int)size);
    }

    /// <summary>Grows the memory by <paramref name="deltaPages"/> pages.</summary>
    /// <param name="deltaPages">Pages to add.</param>
    /// <returns>The size in pages before growing.</returns>
    /// <exception cref="WasmtimeException">The memory cannot grow that much.</exception>
    public ulong Grow(ulong deltaPages)
    {
        WasmtimeMemory memory = _memory;
        ulong previous;
        NativeErrors.ThrowIfError(WasmtimeApi.wasmtime_memory_grow(Context, &memory, deltaPages, &previous));
        return previous;
    }

    private nint Context =>
        (_store ?? throw new InvalidOperationException("This WasmMemory is default: obtain one from WasmInstance.TryGetMemory.")).Context;
}
