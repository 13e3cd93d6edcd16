using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Cli;

/// <summary>
/// wasi:cli/exit: the guest ends its own run. A function entry's call has no run to end, so the call fails with
/// <c>Trap</c> naming the status (the instance is then dropped, as after any failed call).
/// </summary>
internal static class ExitInterface
{
    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new("wasi:cli/exit", [], new Dictionary<string, HostFunction>
    {
        ["exit"] = (call, args, _) =>
        {
            var failed = !args[0].AsResult(out ComponentVal? _);
            throw Exited(call, failed ? 1 : 0);
        },
        ["exit-with-code"] = (call, args, _) => throw Exited(call, args[0].AsU8()),
    });

    private static WippyException Exited(HostCall call, int status) => CoreCall.Exited(call.State.EntryId, status);
}
