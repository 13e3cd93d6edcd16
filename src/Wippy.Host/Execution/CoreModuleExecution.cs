using Wippy.Host.Native;
using Wippy.Host.Observability;
using Wippy.Host.Registry;
using Wippy.Host.Wasi;

namespace Wippy.Host.Execution;

/// <summary>
/// A function whose guest is a core module, the core module of a component called directly, or a planned component
/// (<see cref="PlannedComponent"/>: its core modules wired by the host): instances are made from one pre-linked
/// template (from the plan, for a planned component), and generated Canonical ABI code calls the export through
/// <see cref="GeneratedCode.CoreCall"/>. A warm instance whose exported memories and tables together grew past
/// <c>limits.max_retained_memory_bytes</c> is replaced after its call.
/// </summary>
internal sealed class CoreModuleExecution : PooledExecution<CoreInstance>
{
    /// <summary>The default of <c>limits.max_retained_memory_bytes</c>: 64 MiB.</summary>
    public const long DefaultMaxRetainedMemoryBytes = 64L * 1024 * 1024;

    // One of the two: a core module's pre-linked template, or a planned component's core modules.
    private readonly WasmModule? _module;
    private readonly WasmInstancePre? _template;
    private readonly string _postReturn = ""; // cabi_post_<export>, for the template's instances
    private readonly PlannedComponent? _planned;
    private readonly WasiLinking.Needs _wasi;
    private readonly ulong _retainedMemory;

    public CoreModuleExecution(FunctionDescriptor descriptor, WasmEngine engine, WasmModule module, EntryObserver observer, GuestWasi? wasi)
        : base(descriptor, engine, observer, wasi)
    {
        _module = module;
        (_template, _wasi) = WasiLinking.CoreTemplate(module, descriptor); // linked once: every instance comes from it
        _postReturn = CoreInstance.PostReturnName(descriptor.Export);
        _retainedMemory = (ulong)(descriptor.Limits.MaxRetainedMemoryBytes ?? DefaultMaxRetainedMemoryBytes);
    }

    /// <summary>A component on the planned direct path: each instance is its core modules wired as its plan says.</summary>
    public CoreModuleExecution(FunctionDescriptor descriptor, WasmEngine engine, PlannedComponent planned, EntryObserver observer, GuestWasi? wasi)
        : base(descriptor, engine, observer, wasi)
    {
        _planned = planned;
        _retainedMemory = (ulong)(descriptor.Limits.MaxRetainedMemoryBytes ?? DefaultMaxRetainedMemoryBytes);
    }

    public override string Mode => _planned is null ? "a core module" : "a planned component";

    protected override CoreInstance Create() => _planned is { } planned
        ? planned.Create(Engine, Descriptor.Limits, Wasi)
        : CoreInstance.Create(Engine, _template!, Descriptor.Export, _postReturn, Descriptor.Limits, _wasi, Wasi);

    protected override string? ReplaceAfterCall(CoreInstance instance)
    {
        if (instance.Storage.Length == 0) return null; // it exports no memory or table: nothing to measure
        var held = instance.StorageBytes();
        return held > _retainedMemory
            ? $"its memories and tables grew to {held} bytes (limits.max_retained_memory_bytes = {_retainedMemory})"
            : null;
    }

    /// <summary>The linear memory sizes of the idle instances (for tests).</summary>
    internal IReadOnlyList<ulong> IdleMemorySizes() =>
        IdleInstances().Select(i => i.HasMemory ? (ulong)i.Memory.DataSize : 0UL).ToArray();

    protected override void FreeCode()
    {
        _template?.Dispose();
        _module?.Dispose();
        _planned?.Dispose();
    }
}
