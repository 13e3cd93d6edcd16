using Wippy.Host.HostInterfaces;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.WasiHost.Cli;

/// <summary>
/// wasi:cli/stdin, wasi:cli/stdout and wasi:cli/stderr: one function each, returning a new handle of the stream
/// (stdin is empty; stdout and stderr go to the log, <see cref="LogOutputStream"/>).
/// </summary>
internal static class StdioInterfaces
{
    /// <summary>wasi:cli/stdin.</summary>
    public static HostInterface Stdin { get; } = new("wasi:cli/stdin", [], new Dictionary<string, HostFunction>
    {
        // A command's guest reads the terminal (read as it reads, waiting within its limits); any other guest, nothing.
        ["get-stdin"] = (call, _, results) => results[0] = call.Own(StreamsInterface.InputStreamType,
            call.State.Wasi?.Stdin is { } stdin ? new Http.IncomingBodyStream(stdin, betweenBytes: null) : new EmptyInputStream()),
    });

    /// <summary>wasi:cli/stdout.</summary>
    public static HostInterface Stdout { get; } = new("wasi:cli/stdout", [], new Dictionary<string, HostFunction>
    {
        ["get-stdout"] = (call, _, results) =>
            results[0] = call.Own(StreamsInterface.OutputStreamType, new LogOutputStream(EnvironmentInterface.Context(call).Stdout)),
    });

    /// <summary>wasi:cli/stderr.</summary>
    public static HostInterface Stderr { get; } = new("wasi:cli/stderr", [], new Dictionary<string, HostFunction>
    {
        ["get-stderr"] = (call, _, results) =>
            results[0] = call.Own(StreamsInterface.OutputStreamType, new LogOutputStream(EnvironmentInterface.Context(call).Stderr)),
    });
}
