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
    private readonly AbiType[] _params;
    private readonly string[] _what;
    private readonly AbiType? _spilled; // the parameters as one tuple when they are passed in memory
    private readonly int _flatParams;
    private readonly AbiType? _result;
    private readonly bool _resultInMemory;
    private readonly string _resultWhat;

    private CoreWasiImport(string name, HostFunction function, CFunc type)
    {
        _name = name;
        _function = function;
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
