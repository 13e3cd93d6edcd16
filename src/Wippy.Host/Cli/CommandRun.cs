namespace Wippy.Host.Cli;

/// <summary>
/// Whether the call starting on this thread is a command's run (<c>&lt;app&gt; run &lt;name&gt;</c>): a
/// <c>process.wasm</c> entry is run, not called, so any other call of it (a proxy, Lua, <c>call</c>) fails with Invalid.
/// </summary>
internal static class CommandRun
{
    /// <summary>Whether a command's run is starting on this thread.</summary>
    public static bool Running => Execution.ThreadFlag<Tag>.IsSet;

    /// <summary>Marks the calls started on this thread as a command's run until the scope is disposed.</summary>
    public static Execution.ThreadFlag<Tag>.Scope Enter() => Execution.ThreadFlag<Tag>.Enter();

    /// <summary>The error of a process entry called as a function.</summary>
    public static WippyException NotCalled(string entryId, string? command) =>
        new(ErrorKind.Invalid, entryId, command is null
            ? "a process.wasm entry is spawned, not called: spawn it (runtime.Processes, the generated Spawn… method, Lua's process.spawn)"
            : $"a process.wasm entry is run, not called: run it as the command '{command}' (<app> run {command} [args…]) or spawn it (runtime.Processes)");

    /// <summary>The flag's name.</summary>
    internal sealed class Tag;
}
