using System.ComponentModel;
using System.Text.Json;
using Wippy.Host.Execution;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Observability;
using Wippy.Host.Registry;

namespace Wippy.Host;

/// <summary>
/// A <c>function.wat</c> or <c>function.wasm</c> entry: its execution (how its guest runs: a core module, or a
/// component through the component model), or the reason it failed to load. Generated proxies call
/// <see cref="Begin"/> / <see cref="BeginComponent()"/> to get a call on an instance no other call is using.
/// </summary>
public sealed class WasmFunctionHandle : FunctionHandle
{
    private readonly WasmExecution? _execution;

    // The execution when a call needs no check before it starts (loaded, no call policy, not disposed), else null:
    // the fast path of Begin is one read and one type test of a sealed class (no generic cast).
    private WasmExecution? _unchecked;
    private bool _disposed;

    // transport: wasi-http: only an HTTP request's call may run it (HttpTransport).
    private readonly bool _needsRequest;

    // A process.wasm entry's command name, for the error of a call of it (only the process host runs it).
    private readonly string? _command;
    private readonly bool _isProcess;

    /// <summary>A loaded entry, run by <paramref name="execution"/>.</summary>
    internal WasmFunctionHandle(FunctionDescriptor descriptor, WasmExecution execution, EntryObserver observer, Wippy.Security.ICallPolicy? policy)
        : base(descriptor, observer)
    {
        _execution = execution;
        Policy = policy;
        _needsRequest = descriptor.Transport == HttpTransport.WasiHttp;
        _command = descriptor.Command?.Name;
        _isProcess = descriptor.Kind == Wippy.Registry.RegistryKinds.ProcessWasm;
        _unchecked = policy is null && !_needsRequest && !_isProcess ? execution : null;
    }

    /// <summary>An entry that failed to load: every call fails with <paramref name="loadError"/>.</summary>
    internal WasmFunctionHandle(FunctionDescriptor descriptor, WippyException loadError, EntryObserver observer, Wippy.Security.ICallPolicy? policy)
        : base(descriptor, observer)
    {
        LoadError = loadError;
        Policy = policy;
        _needsRequest = descriptor.Transport == HttpTransport.WasiHttp;
        _command = descriptor.Command?.Name;
        _isProcess = descriptor.Kind == Wippy.Registry.RegistryKinds.ProcessWasm;
    }

    /// <summary>The entry's descriptor.</summary>
    public new FunctionDescriptor Descriptor => (FunctionDescriptor)base.Descriptor;

    /// <summary>Asked before every call (<c>funcs.call</c> on this entry); null allows everything without asking.</summary>
    internal Wippy.Security.ICallPolicy? Policy { get; }

    /// <summary>How the entry's guest runs; null when it did not load.</summary>
    internal WasmExecution? Execution => _execution;

    /// <inheritdoc />
    public override int Busy => _execution?.Busy ?? 0;

    /// <inheritdoc />
    public override int Queued => _execution?.Queued ?? 0;

    /// <inheritdoc />
    public override int WaitingForRoom => _execution?.WaitingForRoom ?? 0;

    /// <inheritdoc />
    public override int Idle => _execution?.Idle ?? 0;

    /// <summary>Takes an instance for one call into a core module, waiting while all workers are busy. For generated code; pair with <see cref="CoreCall.End"/>.</summary>
    /// <exception cref="WippyException">The entry did not load, its runtime was disposed (Unavailable), or a new instance could not be created.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public CoreCall Begin()
    {
        var execution = _unchecked as CoreModuleExecution ?? Usable<CoreModuleExecution>();
        return new CoreCall(execution, execution.Take());
    }

    /// <summary>
    /// Like <see cref="Begin"/>, completing synchronously (without allocating) when a worker is free. The token
    /// cancels the call while it waits for a worker and while it runs (a Timeout error).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask<CoreCall> BeginAsync(CancellationToken cancellationToken = default)
    {
        CoreModuleExecution execution;
        try
        {
            execution = _unchecked as CoreModuleExecution ?? Usable<CoreModuleExecution>();
        }
        catch (WippyException e)
        {
            return ValueTask.FromException<CoreCall>(e);
        }
        var take = execution.TakeAsync(cancellationToken);
        return take.IsCompletedSuccessfully ? new ValueTask<CoreCall>(new CoreCall(execution, take.Result)) : Awaited(execution, take);

        static async ValueTask<CoreCall> Awaited(CoreModuleExecution execution, ValueTask<CoreInstance> pending) => new(execution, await pending.ConfigureAwait(false));
    }

    /// <summary>
    /// The synchronous half of <see cref="BeginAsync"/> for generated async proxies: a call on a warm instance when one is
    /// free now, armed with <paramref name="cancellationToken"/>. False begins nothing (the entry is busy, not loaded,
    /// checked before calls, or the token is cancelled): go on with <see cref="BeginAsync"/>, which waits or fails.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool TryBeginWarm(CancellationToken cancellationToken, out CoreCall call)
    {
        if (_unchecked is CoreModuleExecution execution && execution.TryTakeWarm(cancellationToken, out var instance))
        {
            call = new CoreCall(execution, instance);
            return true;
        }
        call = default;
        return false;
    }

    /// <summary>
    /// Takes an instance for one call into a component through Wasmtime's component model (generated code of entries
    /// whose <see cref="FunctionDescriptor.CallsComponentModel"/> is set). End it with <see cref="ComponentCall.End"/>.
    /// </summary>
    /// <exception cref="WippyException">The entry did not load, its runtime was disposed (Unavailable), or a new instance could not be created.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ComponentCall BeginComponent()
    {
        var execution = _unchecked as ComponentModelExecution ?? Usable<ComponentModelExecution>();
        return new ComponentCall(execution, execution.Take());
    }

    /// <summary>
    /// Like <see cref="BeginComponent()"/>, for another function the entry's component exports than its method: a
    /// constructor or static function of a resource the component defines (<c>wippy:counter/counters#[constructor]counter</c>).
    /// </summary>
    /// <exception cref="WippyException">As for <see cref="BeginComponent()"/>; Internal when the component exports no such function.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ComponentCall BeginComponent(string export)
    {
        var execution = _unchecked as ComponentModelExecution ?? Usable<ComponentModelExecution>();
        return OnExport(execution, execution.Take(), export);
    }

    /// <summary>Like <see cref="BeginComponent(string)"/>, waiting for a worker without holding a thread; the token cancels the call while it waits and while it runs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask<ComponentCall> BeginComponentExportAsync(string export, CancellationToken cancellationToken)
    {
        ComponentModelExecution execution;
        ValueTask<ComponentInstance> take;
        try
        {
            execution = _unchecked as ComponentModelExecution ?? Usable<ComponentModelExecution>();
            take = execution.TakeAsync(cancellationToken);
            if (take.IsCompletedSuccessfully) return new ValueTask<ComponentCall>(OnExport(execution, take.Result, export));
        }
        catch (WippyException e)
        {
            return ValueTask.FromException<ComponentCall>(e);
        }
        return Awaited(this, execution, take, export);

        static async ValueTask<ComponentCall> Awaited(WasmFunctionHandle handle, ComponentModelExecution execution, ValueTask<ComponentInstance> pending, string export) =>
            handle.OnExport(execution, await pending.ConfigureAwait(false), export);
    }

    /// <summary>A call of <paramref name="export"/> on <paramref name="instance"/>; the instance goes back when the component has no such export.</summary>
    private ComponentCall OnExport(ComponentModelExecution execution, ComponentInstance instance, string export)
    {
        if (instance.Export(export) is not { } function)
        {
            execution.Return(instance, completed: true, ErrorKind.Internal);
            throw new WippyException(ErrorKind.Internal, Id, $"the component exports no function '{export}'; rebuild the app");
        }
        return new ComponentCall(execution, instance, function);
    }

    /// <summary>
    /// The synchronous half of <see cref="BeginComponentAsync"/>, as <see cref="TryBeginWarm"/> is of
    /// <see cref="BeginAsync"/>: a call on a warm instance free now, armed with <paramref name="cancellationToken"/>, or
    /// false (go on with <see cref="BeginComponentAsync"/>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public bool TryBeginComponentWarm(CancellationToken cancellationToken, out ComponentCall call)
    {
        if (_unchecked is ComponentModelExecution execution && execution.TryTakeWarm(cancellationToken, out var instance))
        {
            call = new ComponentCall(execution, instance);
            return true;
        }
        call = default;
        return false;
    }

    /// <summary>Like <see cref="BeginComponent()"/>; the token cancels the call while it waits and while it runs.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public ValueTask<ComponentCall> BeginComponentAsync(CancellationToken cancellationToken = default)
    {
        ComponentModelExecution execution;
        try
        {
            execution = _unchecked as ComponentModelExecution ?? Usable<ComponentModelExecution>();
        }
        catch (WippyException e)
        {
            return ValueTask.FromException<ComponentCall>(e);
        }
        var take = execution.TakeAsync(cancellationToken);
        return take.IsCompletedSuccessfully ? new ValueTask<ComponentCall>(new ComponentCall(execution, take.Result)) : Awaited(execution, take);

        static async ValueTask<ComponentCall> Awaited(ComponentModelExecution execution, ValueTask<ComponentInstance> pending) => new(execution, await pending.ConfigureAwait(false));
    }

    /// <summary>
    /// Serves one HTTP request with a component that exports <c>wasi:http/incoming-handler</c>
    /// (<see cref="FunctionDescriptor.IncomingHandler"/>): takes an instance (fresh unless the entry has a pool), gives the
    /// guest the exchange's request and a response outparam, and runs <c>handle</c> within the entry's limits and
    /// <paramref name="cancellationToken"/>. The guest's answer arrives in <see cref="WasiHost.Http.HttpHandlerExchange.Response"/>
    /// while it runs (the server sends it and copies its body as it is written); when the call ends, the exchange is told
    /// (<see cref="WasiHost.Http.HttpHandlerExchange.CallEnded"/>). The guest never holds the caller's thread while it
    /// waits: on a fiber it is suspended, otherwise it runs on a thread-pool thread.
    /// </summary>
    /// <exception cref="WippyException">The entry cannot serve (not a handler, not loaded, denied: before the guest runs), or the call failed (Trap, Timeout…).</exception>
    internal async Task ServeHttpAsync(WasiHost.Http.HttpHandlerExchange exchange, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            if (!Descriptor.IncomingHandler)
            {
                throw new WippyException(ErrorKind.Invalid, Id, "the entry does not serve wasi:http/incoming-handler requests");
            }
            ValueTask<ComponentCall> begin;
            using (HttpTransport.EnterRequest())
            {
                begin = BeginComponentAsync(cancellationToken); // checks (policy, load error) run before its first await
            }
            var call = await begin.ConfigureAwait(false);
            try
            {
                ComponentVal[] args =
                [
                    call.OwnHostResource(WasiHost.Http.HttpTypesInterface.IncomingRequestType, exchange.Request),
                    call.OwnHostResource(WasiHost.Http.HttpTypesInterface.ResponseOutparamType, new WasiHost.Http.ResponseOutparam(exchange)),
                ];
                if (call.RunsOnFiber)
                {
                    await call.InvokeAsync(args, []).ConfigureAwait(false);
                }
                else
                {
                    // The server copies the body while the guest writes it: the guest must not run on the server's thread.
                    var running = call;
                    await Task.Run(() => running.Invoke(args, []), CancellationToken.None).ConfigureAwait(false);
                }
                call.Complete();
            }
            catch (WippyException e)
            {
                call.Failed(e.Kind);
                throw;
            }
            finally
            {
                call.End();
            }
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            exchange.CallEnded(failure);
        }
    }

    /// <inheritdoc />
    public override void CallJson(ReadOnlySpan<JsonElement> args, Utf8JsonWriter writer)
    {
        if (Descriptor.IncomingHandler) throw HttpTransport.NeedsRequest(Id);
        var invoke = Descriptor.InvokeJson ?? throw new WippyException(ErrorKind.Internal, Id, "the entry has no JSON binder; rebuild the app");
        try
        {
            invoke(this, args, writer);
        }
        catch (WippyException e)
        {
            throw e.WithEntry(Id); // a value the binder rejected names its path, not yet the entry
        }
    }

    /// <inheritdoc />
    public override async ValueTask CallJsonAsync(ReadOnlyMemory<JsonElement> args, Utf8JsonWriter writer, CancellationToken cancellationToken = default)
    {
        if (Descriptor.InvokeJsonAsync is not { } invoke)
        {
            await base.CallJsonAsync(args, writer, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await invoke(this, args, writer, cancellationToken).ConfigureAwait(false);
        }
        catch (WippyException e)
        {
            throw e.WithEntry(Id); // a value the binder rejected names its path, not yet the entry
        }
    }

    internal override int CallFromLua(nint L, int first, int count)
    {
        if (Descriptor.IncomingHandler) throw HttpTransport.NeedsRequest(Id);
        var invoke = Descriptor.InvokeLua ?? throw new WippyException(ErrorKind.Internal, Id, "the entry has no Lua binder; rebuild the app");
        try
        {
            return invoke(this, L, first, count);
        }
        catch (WippyException e)
        {
            throw e.WithEntry(Id);
        }
    }

    internal override async ValueTask<int> CallFromLuaAsync(nint L, int first, int count, CancellationToken cancellationToken)
    {
        if (Descriptor.InvokeLuaAsync is not { } invoke) return await base.CallFromLuaAsync(L, first, count, cancellationToken).ConfigureAwait(false);
        try
        {
            return await invoke(this, L, first, count, cancellationToken).ConfigureAwait(false);
        }
        catch (WippyException e)
        {
            throw e.WithEntry(Id);
        }
    }

    /// <summary>
    /// The execution of type <typeparamref name="T"/>, after the checks every call passes (disposed, policy, load
    /// error); a failure is counted. Generated code asks for the type its signature was generated for.
    /// </summary>
    private T Usable<T>()
        where T : WasmExecution
    {
        try
        {
            if (_disposed) throw new WippyException(ErrorKind.Unavailable, Id, "the runtime serving this entry has been disposed");
            // A process is spawned, not called: only the process host runs it (having asked the policy for process.spawn),
            // from C#, Lua or the command line's run <command>.
            var runAsProcess = _isProcess && Processes.ProcessScope.For(Id) is not null;
            if (Policy is { } policy && !runAsProcess) Loading.CallAuthorization.Check(policy, Id);
            if (_needsRequest && !HttpTransport.InRequest) throw HttpTransport.NeedsRequest(Id);
            if (_isProcess && !runAsProcess) throw Processes.ProcessScope.NotCalled(Id, _command);
            if (LoadError is not null) throw LoadError;
            return _execution as T ?? throw new WippyException(ErrorKind.Internal, Id,
                $"the entry runs as {_execution!.Mode}, which is not how the app's generated code calls it; rebuild the app");
        }
        catch (WippyException e)
        {
            Observer.Called(false, e.Kind, 0);
            throw;
        }
    }

    /// <summary>The linear memory sizes of the idle instances of a core module (for tests); empty for other executions.</summary>
    internal IReadOnlyList<ulong> IdleMemorySizes() => (_execution as CoreModuleExecution)?.IdleMemorySizes() ?? [];

    internal override void Warm()
    {
        if (_execution is null) return;
        _execution.Warm(Descriptor.Pool.WarmCount);
        WippyLog.WarmStarted(Observer.Logger, Id, Idle);
    }

    internal override int RetireIdle(TimeSpan idleTimeout)
    {
        var retired = _execution?.Retire(idleTimeout) ?? 0;
        if (retired > 0) WippyLog.InstancesRetired(Observer.Logger, Id, retired, Idle);
        return retired;
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _unchecked = null;
        _execution?.Dispose();
    }
}
