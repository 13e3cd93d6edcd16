using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Cli;

/// <summary>wasi:cli/environment: the entry's mapped variables, its arguments and its working directory.</summary>
internal static class EnvironmentInterface
{
    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:cli/environment", [], new Dictionary<string, HostFunction>
    {
        ["get-environment"] = (call, _, results) =>
        {
            var variables = Context(call).Environment;
            var list = ComponentVal.OwnedList(variables.Count);
            for (var i = 0; i < variables.Count; i++)
            {
                var pair = ComponentVal.OwnedTuple(2);
                ComponentVal.SetItem(ref pair, 0, ComponentVal.OwnedString(variables[i].Key));
                ComponentVal.SetItem(ref pair, 1, ComponentVal.OwnedString(variables[i].Value));
                ComponentVal.SetItem(ref list, i, pair);
            }
            results[0] = list;
        },
        ["get-arguments"] = (call, _, results) =>
        {
            var arguments = Context(call).Arguments;
            var list = ComponentVal.OwnedList(arguments.Count);
            for (var i = 0; i < arguments.Count; i++) ComponentVal.SetItem(ref list, i, ComponentVal.OwnedString(arguments[i]));
            results[0] = list;
        },
        ["initial-cwd"] = (call, _, results) =>
            results[0] = Context(call).InitialCwd is { } cwd ? ComponentVal.OwnedSome(ComponentVal.OwnedString(cwd)) : ComponentVal.None,
    });

    /// <summary>The store's WASI context (every store linked to the host's WASI has one).</summary>
    public static WasiContext Context(HostCall call) =>
        call.State.Wasi ?? throw new InvalidOperationException($"'{call.Function}' was called in a store without WASI context");
}
