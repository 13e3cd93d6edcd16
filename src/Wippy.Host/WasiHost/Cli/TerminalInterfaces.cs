using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;

namespace Wippy.Host.WasiHost.Cli;

/// <summary>
/// The wasi:cli terminal interfaces: the <c>terminal-input</c> and <c>terminal-output</c> resources (which have no
/// methods) and <c>get-terminal-stdin/stdout/stderr</c>, which answer <c>none</c>: a guest's standard streams are never
/// a terminal here (they are the log).
/// </summary>
internal static class TerminalInterfaces
{
    /// <summary>wasi:cli/terminal-input's resource.</summary>
    public static HostResourceType TerminalInputType { get; } = new("wasi:cli/terminal-input", "terminal-input");

    /// <summary>wasi:cli/terminal-output's resource.</summary>
    public static HostResourceType TerminalOutputType { get; } = new("wasi:cli/terminal-output", "terminal-output");

    /// <summary>wasi:cli/terminal-input.</summary>
    public static HostInterface TerminalInput { get; } = new("wasi:cli/terminal-input", [TerminalInputType], new Dictionary<string, HostFunction>());

    /// <summary>wasi:cli/terminal-output.</summary>
    public static HostInterface TerminalOutput { get; } = new("wasi:cli/terminal-output", [TerminalOutputType], new Dictionary<string, HostFunction>());

    /// <summary>wasi:cli/terminal-stdin.</summary>
    public static HostInterface TerminalStdin { get; } = NotATerminal("wasi:cli/terminal-stdin", "get-terminal-stdin");

    /// <summary>wasi:cli/terminal-stdout.</summary>
    public static HostInterface TerminalStdout { get; } = NotATerminal("wasi:cli/terminal-stdout", "get-terminal-stdout");

    /// <summary>wasi:cli/terminal-stderr.</summary>
    public static HostInterface TerminalStderr { get; } = NotATerminal("wasi:cli/terminal-stderr", "get-terminal-stderr");

    private static HostInterface NotATerminal(string name, string function) =>
        new(name, [], new Dictionary<string, HostFunction> { [function] = (_, _, results) => results[0] = ComponentVal.None });
}
