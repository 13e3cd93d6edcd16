using Wippy.Host.GeneratedCode;
using Wippy.Host.Native;
using Wippy.Host.Native.Components;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.HostInterfaces;

/// <summary>
/// What a host function gets besides its arguments: the state of the store it is called in and the means to read
/// resource arguments and to return new resources. Valid only during the call.
/// </summary>
/// <remarks>
/// Two kinds of caller: Wasmtime's component model (a handle is Wasmtime's resource value, turned into the rep through
/// its C API), and a planned component's core code (<see cref="WasiHost.Core.CoreWasiImport"/>), which has no component
/// model in between: there the host keeps the guest's handle table itself, and a handle is the rep plus one (handles are
/// never 0), carried as a <c>u32</c> value.
/// </remarks>
internal readonly ref struct HostCall
{
    /// <summary>The most host resources a planned component's store may hold at once (the component model's store has a limit of its own).</summary>
    public const int MaxCoreHandles = 100_000;

    private readonly nint _context;
    private readonly bool _core;

    /// <summary>A call in the store whose <c>wasmtime_context_t*</c> is <paramref name="context"/>.</summary>
    public HostCall(nint context, HostState state, string function)
    {
        _context = context;
        State = state;
        Function = function;
    }

    /// <summary>A call from a planned component's core code: handles are numbers the host gives out (<see cref="Own"/>).</summary>
    public HostCall(HostState state, string function)
    {
        _core = true;
        State = state;
        Function = function;
    }

    /// <summary>The store's host state.</summary>
    public HostState State { get; }

    /// <summary>The store's <c>wasmtime_context_t*</c> (0 on the core path).</summary>
    public nint Context => _context;

    /// <summary>The function called, as <c>interface#name</c> (for errors).</summary>
    public string Function { get; }

    /// <summary>
    /// The object behind a <c>borrow&lt;T&gt;</c> (or <c>own&lt;T&gt;</c> the host only reads) argument of kind
    /// <paramref name="type"/>.
    /// </summary>
    /// <exception cref="HostResourceException">The handle is not a live resource of that kind.</exception>
    public T Borrow<T>(in ComponentVal argument, HostResourceType type) where T : class
    {
        var rep = RepOf(argument, type);
        return Live(rep, type, remove: false) as T
            ?? throw new HostResourceException($"the {type} is not a {typeof(T).Name}");
    }

    /// <summary>
    /// The object behind an <c>own&lt;T&gt;</c> argument: the guest gave it up, so it leaves the table and the
    /// caller now owns it (and disposes it when done).
    /// </summary>
    /// <exception cref="HostResourceException">The handle is not a live resource of that kind.</exception>
    public T Take<T>(in ComponentVal argument, HostResourceType type) where T : class
    {
        var rep = RepOf(argument, type);
        return Live(rep, type, remove: true) as T
            ?? throw new HostResourceException($"the {type} is not a {typeof(T).Name}");
    }

    /// <summary>
    /// A <c>list&lt;u8&gt;</c> result of <paramref name="bytes"/>: Wasmtime's list of values for the component model, packed
    /// for a planned component's core path (<see cref="ComponentVal.PackedBytes"/>).
    /// </summary>
    public ComponentVal Bytes(ReadOnlySpan<byte> bytes) => _core ? ComponentVal.PackedBytes(bytes) : ComponentVal.OwnedBytes(bytes);

    /// <summary>The error a guest's misuse of <paramref name="function"/> (a bad handle, a length past a limit) fails its call with: a trap.</summary>
    public static WippyException Misuse(HostState state, string function, HostResourceException e) =>
        new(ErrorKind.Trap, state.EntryId, $"'{function}': {e.Message}", e);

    /// <summary>A new owned handle of <paramref name="value"/> to return to the guest (a result slot takes it).</summary>
    public unsafe ComponentVal Own(HostResourceType type, object value)
    {
        if (_core)
        {
            if (State.Resources.Count >= MaxCoreHandles)
            {
                (value as IDisposable)?.Dispose();
                throw new HostResourceException($"the guest holds {MaxCoreHandles} handles without dropping them (the store's handle limit)");
            }
            return ComponentVal.U32(State.Resources.Add(type, value) + 1);
        }
        var rep = State.Resources.Add(type, value);
        nint host = ComponentApi.wasmtime_component_resource_host_new(true, rep, type.Tag);
        nint any = 0;
        nint error;
        try
        {
            error = ComponentApi.wasmtime_component_resource_host_to_any(_context, host, &any);
        }
        finally
        {
            ComponentApi.wasmtime_component_resource_host_delete(host);
        }
        if (error != 0)
        {
            // Wasmtime refuses another handle (its store's handle limit: a guest that never drops what it gets).
            State.Resources.Remove(rep, type);
            throw new HostResourceException(NativeErrors.FromError(error).Message);
        }
        return ComponentVal.ResourceOf(any);
    }

    /// <summary>The live resource <paramref name="rep"/> (taken out of the table with <paramref name="remove"/>).</summary>
    private object Live(uint rep, HostResourceType type, bool remove)
    {
        try
        {
            return remove ? State.Resources.Remove(rep, type) : State.Resources.Get(rep, type);
        }
        catch (HostResourceException) when (_core)
        {
            // The guest knows the handle, not the rep.
            throw new HostResourceException($"handle {rep + 1} is not a live {type}");
        }
    }

    private unsafe uint RepOf(in ComponentVal argument, HostResourceType type)
    {
        if (_core)
        {
            var handle = argument.Kind == ComponentValKind.U32 ? argument.AsU32() : 0;
            return handle != 0 ? handle - 1 : throw new HostResourceException($"expected a {type} handle, got {(argument.Kind == ComponentValKind.U32 ? "0" : argument.Kind.ToString())}");
        }
        if (argument.Kind != ComponentValKind.Resource)
        {
            throw new HostResourceException($"expected a {type} handle, got a {argument.Kind} value");
        }
        nint host = 0;
        var error = ComponentApi.wasmtime_component_resource_any_to_host(_context, argument.AsResourcePointer(), &host);
        if (error != 0)
        {
            // A resource of the guest's own, or of another host's kind.
            var reason = NativeErrors.FromError(error).Message;
            throw new HostResourceException($"the handle is not a {type}: {reason}");
        }
        try
        {
            if (ComponentApi.wasmtime_component_resource_host_type(host) != type.Tag)
            {
                throw new HostResourceException($"the handle is not a {type}");
            }
            return ComponentApi.wasmtime_component_resource_host_rep(host);
        }
        finally
        {
            ComponentApi.wasmtime_component_resource_host_delete(host);
        }
    }
}

/// <summary>A function of a host interface: fills <paramref name="results"/> from <paramref name="args"/>.</summary>
/// <param name="call">The store's state and the resource helpers.</param>
/// <param name="args">The arguments, borrowed (read them during the call only).</param>
/// <param name="results">The result slots, to fill with values Wasmtime takes over (scalars, or <c>ComponentVal.Owned*</c>).</param>
internal delegate void HostFunction(HostCall call, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results);
