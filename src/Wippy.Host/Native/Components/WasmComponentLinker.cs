using System.Runtime.InteropServices;
using System.Text;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native.Components;

/// <summary>
/// Defines what components may import (<c>wasmtime_component_linker_t</c>) and instantiates them. Define
/// everything first, then instantiate from one thread at a time.
/// </summary>
internal sealed unsafe partial class WasmComponentLinker : IDisposable
{
    private readonly WasmtimeComponentLinkerHandle _handle;

    /// <summary>Creates an empty linker.</summary>
    /// <param name="engine">The engine of the components it will instantiate.</param>
    public WasmComponentLinker(WasmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        nint linker = ComponentApi.wasmtime_component_linker_new(engine.Handle);
        if (linker == 0)
        {
            throw new WasmtimeException("wasmtime_component_linker_new returned null.");
        }

        _handle = WasmtimeComponentLinkerHandle.Own(linker);
    }

    /// <summary>The engine this linker belongs to.</summary>
    public WasmEngine Engine { get; }

    /// <summary>The native linker (for tests that drive the C API directly).</summary>
    internal WasmtimeComponentLinkerHandle NativeHandle => Handle;

    private WasmtimeComponentLinkerHandle Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            return _handle;
        }
    }

    /// <summary>Whether later definitions may replace earlier ones of the same name (off by default).</summary>
    /// <param name="allow">True to allow shadowing.</param>
    public void AllowShadowing(bool allow) => ComponentApi.wasmtime_component_linker_allow_shadowing(Handle, allow);

    /// <summary>
    /// Adds every WASI 0.2 interface (<c>wasmtime_component_linker_add_wasip2</c>). A store whose guest calls
    /// WASI needs its WASI state first (<see cref="WasmStore.SetWasi"/>): without it Wasmtime aborts the process.
    /// </summary>
    /// <exception cref="WasmtimeException">Wasmtime refused (e.g. names already defined).</exception>
    public void AddWasip2() => NativeErrors.ThrowIfError(ComponentApi.wasmtime_component_linker_add_wasip2(Handle));

    /// <summary>Adds wasi:http's types and outgoing handler; stores need <see cref="WasmStore.SetWasiHttp"/> too.</summary>
    public void AddWasiHttp() => NativeErrors.ThrowIfError(ComponentApi.wasmtime_component_linker_add_wasi_http(Handle));

    /// <summary>Defines every import of <paramref name="component"/> not yet defined as a function that traps.</summary>
    /// <param name="component">The component whose imports to stub.</param>
    public void DefineUnknownImportsAsTraps(WasmComponent component)
    {
        ArgumentNullException.ThrowIfNull(component);
        NativeErrors.ThrowIfError(
            ComponentApi.wasmtime_component_linker_define_unknown_imports_as_traps(Handle, component.Handle));
    }

    /// <summary>Defines one host function.</summary>
    /// <param name="instanceName">The imported instance (interface) it belongs to, e.g. <c>wippy:test/host</c>; null for a top-level function import.</param>
    /// <param name="name">The function name.</param>
    /// <param name="function">The implementation.</param>
    /// <exception cref="WasmtimeException">The name is already defined (an instance can be defined only once: use <see cref="DefineFunctions"/>).</exception>
    public void DefineFunction(string? instanceName, string name, ComponentHostFunction function) =>
        DefineFunctions(instanceName, [new KeyValuePair<string, ComponentHostFunction>(name, function)]);

    /// <summary>Defines host functions, all in one instance (or all at the top level).</summary>
    /// <param name="instanceName">The imported instance (interface), e.g. <c>wippy:test/host</c>; null for top-level imports.</param>
    /// <param name="functions">The functions by name.</param>
    /// <exception cref="WasmtimeException">A name is already defined.</exception>
    public void DefineFunctions(string? instanceName, IEnumerable<KeyValuePair<string, ComponentHostFunction>> functions)
    {
        ArgumentNullException.ThrowIfNull(functions);
        DefineInstance(instanceName, [], functions.Select(f =>
        {
            ArgumentNullException.ThrowIfNull(f.Value);
            var function = f.Value;
            return new KeyValuePair<string, ComponentContextFunction>(f.Key, (_, args, results) => function(args, results));
        }));
    }

    /// <summary>
    /// Defines an instance of resource types and of host functions that are given the calling store's context (to find
    /// its state with <see cref="WasmStore.HostStateOf"/> and to make and read resource values).
    /// </summary>
    /// <param name="instanceName">The imported instance (interface), e.g. <c>wasi:io/poll@0.2.0</c>; null for top-level functions.</param>
    /// <param name="resources">The resource types it exports: name, the host type tag (<see cref="ComponentApi.wasmtime_component_resource_type_new_host"/>) and what runs when the guest drops an owned handle.</param>
    /// <param name="functions">The functions by name (<c>[method]pollable.block</c>, <c>poll</c>…).</param>
    /// <exception cref="WasmtimeException">A name is already defined.</exception>
    /// <param name="asyncFunctions">Functions that may wait (<see cref="ComponentAsyncFunction"/>): a store instantiating a component that imports one must be called only through <see cref="WasmCallFuture"/>.</param>
    public void DefineInstance(
        string? instanceName,
        IEnumerable<(string Name, uint TypeTag, ComponentResourceDestructor Destructor)> resources,
        IEnumerable<KeyValuePair<string, ComponentContextFunction>> functions,
        IEnumerable<KeyValuePair<string, ComponentAsyncFunction>>? asyncFunctions = null)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(functions);
        InInstance(instanceName, target =>
        {
            foreach ((string name, uint tag, ComponentResourceDestructor destructor) in resources)
            {
                AddResource(target, name, tag, destructor);
            }

            foreach ((string name, ComponentContextFunction function) in functions)
            {
                ArgumentNullException.ThrowIfNull(function);
                AddFunction(target, name, function);
            }

            foreach ((string name, ComponentAsyncFunction function) in asyncFunctions ?? [])
            {
                ArgumentNullException.ThrowIfNull(function);
                AddAsyncFunction(target, name, function);
            }
        });
    }

    /// <summary>Runs <paramref name="define"/> on the linker instance <paramref name="instanceName"/> (the root when null).</summary>
    private void InInstance(string? instanceName, Action<nint> define)
    {
        nint root = ComponentApi.wasmtime_component_linker_root(Handle);
        nint target = root;
        try
        {
            if (instanceName is not null)
            {
                byte[] utf8 = Encoding.UTF8.GetBytes(instanceName);
                nint nested;
                fixed (byte* n = utf8)
                {
                    NativeErrors.ThrowIfError(
                        ComponentApi.wasmtime_component_linker_instance_add_instance(root, n, (nuint)utf8.Length, &nested));
                }

                target = nested;
            }

            define(target);
        }
        finally
        {
            // Each linker instance holds exclusive access to its parent until deleted: innermost first.
            if (target != root)
            {
                ComponentApi.wasmtime_component_linker_instance_delete(target);
            }

            ComponentApi.wasmtime_component_linker_instance_delete(root);
        }
    }

    private static void AddFunction(nint target, string name, ComponentContextFunction function)
    {
        ArgumentNullException.ThrowIfNull(name);
        byte[] utf8 = Encoding.UTF8.GetBytes(name);
        nint data = GCHandle.ToIntPtr(GCHandle.Alloc(function));

        // On failure Wasmtime drops the closure, which runs the finalizer: the GC handle is freed either way.
        nint error;
        fixed (byte* n = utf8)
        {
            error = ComponentApi.wasmtime_component_linker_instance_add_func(target, n, (nuint)utf8.Length, &InvokeHost, data, &FreeHost);
        }

        NativeErrors.ThrowIfError(error);
    }

    private static void AddResource(nint target, string name, uint tag, ComponentResourceDestructor destructor)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(destructor);
        byte[] utf8 = Encoding.UTF8.GetBytes(name);
        nint type = ComponentApi.wasmtime_component_resource_type_new_host(tag);
        nint data = GCHandle.ToIntPtr(GCHandle.Alloc(destructor));
        nint error;
        try
        {
            fixed (byte* n = utf8)
            {
                // The linker copies the type; the closure (data + finalizer) is dropped with the linker, or at once on failure.
                error = ComponentApi.wasmtime_component_linker_instance_add_resource(
                    target, n, (nuint)utf8.Length, type, &DropHostResource, data, &FreeHost);
            }
        }
        finally
        {
            ComponentApi.wasmtime_component_resource_type_delete(type);
        }

        NativeErrors.ThrowIfError(error);
    }

    /// <summary>Instantiates <paramref name="component"/> in <paramref name="store"/>, running its start-up code.</summary>
    /// <param name="store">The store to create the instance in (same engine).</param>
    /// <param name="component">The component.</param>
    /// <returns>The instance.</returns>
    /// <exception cref="WasmtimeException">An import is missing or mistyped, or instantiation failed.</exception>
    /// <exception cref="WasmTrapException">Start-up code trapped.</exception>
    public WasmComponentInstance Instantiate(WasmStore store, WasmComponent component)
    {
        CheckSameEngine(store, component);
        var instance = default(WasmtimeComponentInstance);
        ComponentErrors.ThrowIfError(
            ComponentApi.wasmtime_component_linker_instantiate(Handle, store.Context, component.Handle, &instance));
        return new WasmComponentInstance(store, component, instance);
    }

    private void CheckSameEngine(WasmStore store, WasmComponent component)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(component);
        if (!ReferenceEquals(store.Engine, Engine) || !ReferenceEquals(component.Engine, Engine))
        {
            throw new ArgumentException("The linker, the store and the component must share one engine.");
        }
    }

    /// <summary>Deletes the linker (instances made with it keep working).</summary>
    public void Dispose() => _handle.Dispose();

    [UnmanagedCallersOnly]
    private static nint InvokeHost(
        nint env, nint context, nint type, ComponentVal* args, nuint argCount, ComponentVal* results, nuint resultCount)
    {
        try
        {
            var function = (ComponentContextFunction)GCHandle.FromIntPtr(env).Target!;
            function(context, new ReadOnlySpan<ComponentVal>(args, checked((int)argCount)), new Span<ComponentVal>(results, checked((int)resultCount)));
            return 0;
        }
        catch (Exception exception)
        {
            return HostError(exception);
        }
    }

    [UnmanagedCallersOnly]
    private static nint DropHostResource(nint env, nint context, uint rep)
    {
        try
        {
            ((ComponentResourceDestructor)GCHandle.FromIntPtr(env).Target!)(context, rep);
            return 0;
        }
        catch (Exception exception)
        {
            return HostError(exception);
        }
    }

    /// <summary>The error a failed host callback returns to Wasmtime; the exception is kept for the caller of the guest.</summary>
    private static nint HostError(Exception exception)
    {
        ComponentErrors.SetHostException(exception);
        byte[] message = Encoding.UTF8.GetBytes("host function failed: " + exception.Message + "\0");
        fixed (byte* m = message)
        {
            return ComponentApi.wasmtime_error_new(m);
        }
    }

    [UnmanagedCallersOnly]
    private static void FreeHost(nint env) => GCHandle.FromIntPtr(env).Free();
}

/// <summary>A host function given the <c>wasmtime_context_t*</c> of the store it is called in.</summary>
/// <param name="context">The calling store's context (<see cref="WasmStore.HostStateOf"/>).</param>
/// <param name="args">The arguments, borrowed.</param>
/// <param name="results">The result slots to fill with values Wasmtime takes over.</param>
internal delegate void ComponentContextFunction(nint context, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results);

/// <summary>Runs when the guest drops its owned handle of a host resource (<c>[resource-drop]</c>).</summary>
/// <param name="context">The store's context.</param>
/// <param name="rep">The resource's representation: the host's own number for it.</param>
internal delegate void ComponentResourceDestructor(nint context, uint rep);
