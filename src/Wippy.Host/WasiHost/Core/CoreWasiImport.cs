using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Modules.Components;

namespace Wippy.Host.WasiHost.Core;

/// <summary>
/// A function of the host's own WASI as the core function a planned component's code calls: the Canonical ABI of a
/// <c>canon lower</c> done here, over the component's own type of the function, around the same C# implementation the
/// component model calls (<see cref="HostFunction"/>). The arguments come from the core parameters (or, past 16 flat
/// values, from a tuple in guest memory); the result goes into the first slot or, when it flattens to more than one
/// value, to the return area the guest's last parameter points to. Handles are the host's own numbers
/// (<see cref="HostCall"/>), dropped through <see cref="Drop"/>.
/// </summary>
internal sealed class CoreWasiImport
{
    private const int MaxFlatParams = 16;

    private readonly string _name;
    private readonly HostFunction _function;
    private readonly HostWaitingFunction? _waiting; // the steps of a function that may wait, for a guest on a fiber
    private readonly AbiType[] _params;
    private readonly string[] _what;
    private readonly AbiType? _spilled; // the parameters as one tuple when they are passed in memory
    private readonly int _flatParams;
    private readonly AbiType? _result;
    private readonly bool _resultInMemory;
    private readonly string _resultWhat;

    private CoreWasiImport(string name, HostFunction function, CFunc type, HostWaitingFunction? waiting = null)
    {
        _name = name;
        _function = function;
        _waiting = waiting;
        _params = type.Params.Select(p => AbiType.Of(p.Value)).ToArray();
        _what = type.Params.Select(p => $"the argument '{p.Key}' of '{name}'").ToArray();
        var flat = _params.Sum(p => p.Flat.Length);
        _spilled = flat > MaxFlatParams ? AbiType.TupleOf(_params) : null;
        _flatParams = _spilled is null ? flat : 1;
        _result = type.Result is null ? null : AbiType.Of(type.Result);
        _resultInMemory = _result is { Flat.Length: > 1 };
        _resultWhat = $"the result of '{name}'";
    }

    /// <summary>
    /// The core function serving import <paramref name="name"/> (<c>interface#function</c>) of type
    /// <paramref name="type"/> with <paramref name="function"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The type holds something the core path does not carry (a stream, a future…).</exception>
    public static CoreHostFunction Create(string name, HostFunction function, CFunc type)
    {
        var import = new CoreWasiImport(name, function, type);
        return import.Call;
    }

    /// <summary>The core function running this import blocking (the form for a guest that is not on a fiber).</summary>
    public CoreHostFunction Blocking => Call;

    /// <summary>
    /// A function that may wait (<paramref name="waiting"/>'s steps; <paramref name="blocking"/> runs them blocking the
    /// thread): <see cref="Call"/> serves a guest that is not on a fiber, <see cref="Start"/> one that is.
    /// </summary>
    public static CoreWasiImport CreateWaiting(string name, HostFunction blocking, HostWaitingFunction waiting, CFunc type) =>
        new(name, blocking, type, waiting);

    /// <summary>
    /// Runs the first step of a function that may wait, for a guest on a fiber: writes its result and returns null, or
    /// returns the wait, whose <see cref="CoreWasiWait.Resume"/> runs the next step once it has ended.
    /// </summary>
    public CoreWasiWait? Start(ref CoreCall frame, Span<ValueRaw> slots)
    {
        var waiting = _waiting ?? throw new InvalidOperationException($"'{_name}' does not wait");
        var state = frame.Host ?? throw new InvalidOperationException($"'{_name}' was called in a store without host state");
        var args = new ComponentVal[_params.Length];
        var results = new ComponentVal[_result is null ? 0 : 1]; // kept across the wait: a later step writes them
        HostWait? wait;
        try
        {
            LiftArguments(ref frame, slots, args);
            try
            {
                wait = waiting(new HostCall(state, _name), args, results);
            }
            catch (HostResourceException e)
            {
                throw HostCall.Misuse(state, _name, e);
            }
        }
        catch
        {
            ComponentVal.Release(results);
            throw;
        }
        finally
        {
            ComponentVal.Release(args);
        }
        return Waited(ref frame, slots, state, wait, results);
    }

    /// <summary>After a step: the next wait, or (none) the result written and null.</summary>
    private CoreWasiWait? Waited(ref CoreCall frame, Span<ValueRaw> slots, HostState state, HostWait? wait, ComponentVal[] results)
    {
        if (wait is not null) return new CoreWasiWait(this, state, wait, results);
        try
        {
            WriteResult(ref frame, slots, results);
        }
        finally
        {
            ComponentVal.Release(results);
        }
        return null;
    }

    /// <summary>A wait of a function that may wait, on a fiber: what it waits for, and its next step.</summary>
    internal sealed class CoreWasiWait
    {
        private readonly CoreWasiImport _import;
        private readonly HostState _state;
        private readonly HostWait _wait;
        private readonly ComponentVal[] _results;
        private readonly Task<List<uint>> _ready;

        internal CoreWasiWait(CoreWasiImport import, HostState state, HostWait wait, ComponentVal[] results)
        {
            _import = import;
            _state = state;
            _wait = wait;
            _results = results;
            _ready = wait.WhenReady();
            WakeAt = wait.WakeAt;
        }

        /// <summary>Completes when one of the pollables is ready.</summary>
        public Task Task => _ready;

        /// <summary>When a pollable may be ready by time alone (a clock's deadline).</summary>
        public long WakeAt { get; }

        /// <summary>Whether a pollable is ready now.</summary>
        public bool IsReady => _ready.IsCompleted || _wait.IsReadyNow;

        /// <summary>Runs the next step (once <see cref="IsReady"/>): the next wait, or the result written and null.</summary>
        public CoreWasiWait? Resume(ref CoreCall frame, Span<ValueRaw> slots)
        {
            var indexes = _wait.ReadyIndexes(_ready);
            HostWait? next;
            try
            {
                next = _wait.Then(new HostCall(_state, _import._name), indexes, _results);
            }
            catch (HostResourceException e)
            {
                ComponentVal.Release(_results);
                throw HostCall.Misuse(_state, _import._name, e);
            }
            catch
            {
                ComponentVal.Release(_results);
                throw;
            }
            return _import.Waited(ref frame, slots, _state, next, _results);
        }
    }

    private void WriteResult(ref CoreCall frame, Span<ValueRaw> slots, ReadOnlySpan<ComponentVal> results)
    {
        if (_result is null) return;
        var what = _resultWhat;
        if (_resultInMemory)
        {
            var ptr = (uint)slots[_flatParams].I32;
            frame.CheckRegion(ptr, _result.Size, _result.Align, what);
            AbiLower.ToMemory(ref frame, _result, results[0], ptr, what);
        }
        else
        {
            var at = 0;
            AbiLower.ToFlat(ref frame, _result, results[0], slots, ref at, what);
        }
    }

    private void Call(ref CoreCall frame, Span<ValueRaw> slots)
    {
        var state = frame.Host ?? throw new InvalidOperationException($"'{_name}' was called in a store without host state");
        var args = _params.Length <= 8 ? stackalloc ComponentVal[_params.Length] : new ComponentVal[_params.Length];
        args.Clear();
        Span<ComponentVal> results = stackalloc ComponentVal[_result is null ? 0 : 1];
        results.Clear();
        try
        {
            LiftArguments(ref frame, slots, args);
            try
            {
                _function(new HostCall(state, _name), args, results);
            }
            catch (HostResourceException e)
            {
                throw HostCall.Misuse(state, _name, e);
            }
            WriteResult(ref frame, slots, results);
        }
        finally
        {
            ComponentVal.Release(args);
            ComponentVal.Release(results);
        }
    }

    private void LiftArguments(ref CoreCall frame, Span<ValueRaw> slots, Span<ComponentVal> args)
    {
        if (_spilled is { } tuple)
        {
            var ptr = (uint)slots[0].I32;
            frame.CheckRegion(ptr, tuple.Size, tuple.Align, $"the arguments of '{_name}'");
            for (var i = 0; i < args.Length; i++) args[i] = AbiLift.FromMemory(ref frame, _params[i], ptr + (uint)tuple.Offsets[i], _what[i]);
            return;
        }
        var at = 0;
        for (var i = 0; i < args.Length; i++) args[i] = AbiLift.FromFlat(ref frame, _params[i], slots, ref at, _what[i]);
    }

    /// <summary>
    /// <c>resource.drop</c> of a host resource type on a planned component's core path: the guest gives up handle
    /// <c>slots[0]</c>; the resource leaves the store's table and is disposed. A handle that is not a live resource of
    /// that type traps, naming <paramref name="type"/>.
    /// </summary>
    public static void Drop(HostState state, HostResourceType type, Span<ValueRaw> slots)
    {
        var handle = (uint)slots[0].I32;
        object value;
        try
        {
            value = state.Resources.Remove(handle - 1, type); // handle 0 wraps to a rep no table has
        }
        catch (HostResourceException)
        {
            throw HostCall.Misuse(state, $"[resource-drop]{type.Name}", new HostResourceException($"handle {handle} is not a live {type}"));
        }
        (value as IDisposable)?.Dispose();
    }
}
