namespace Wippy.Host.Processes;

/// <summary>
/// The process whose guest runs in the current flow: set by the process host around a process's whole run (it flows
/// through every await and every thread that resumes the guest), read when its store is made and by the mailbox
/// interface. Null outside processes.
/// </summary>
internal static class ProcessScope
{
    private static readonly AsyncLocal<LocalProcess?> CurrentSlot = new();

    /// <summary>The running process, or null.</summary>
    public static LocalProcess? Current => CurrentSlot.Value;

    /// <summary>The running process when its entry is <paramref name="entryId"/> (a function it calls through C# is not the process).</summary>
    public static LocalProcess? For(string? entryId) => CurrentSlot.Value is { } p && p.EntryId == entryId ? p : null;

    /// <summary>The error of a process entry called as a function (<paramref name="command"/>: its command name, if it has one).</summary>
    public static WippyException NotCalled(string entryId, string? command) =>
        new(ErrorKind.Invalid, entryId, command is null
            ? "a process.wasm entry is spawned, not called: spawn it (runtime.Processes, the generated Spawn… method, Lua's process.spawn)"
            : $"a process.wasm entry is run, not called: run it as the command '{command}' (<app> run {command} [args…]) or spawn it (runtime.Processes)");

    /// <summary>Makes <paramref name="process"/> current for the rest of the calling async method.</summary>
    public static void Set(LocalProcess process) => CurrentSlot.Value = process;
}
