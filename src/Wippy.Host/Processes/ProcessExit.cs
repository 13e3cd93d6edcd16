namespace Wippy.Host.Processes;

/// <summary>How a process ended: the value its method returned, or the error it ended with.</summary>
public sealed class ProcessExit
{
    internal ProcessExit(string pid, string entryId, object? value, WippyException? error)
    {
        Pid = pid;
        EntryId = entryId;
        Value = value;
        Error = error;
    }

    /// <summary>The process's PID.</summary>
    public string Pid { get; }

    /// <summary>The entry it ran.</summary>
    public string EntryId { get; }

    /// <summary>
    /// What its method returned, when it returned: for a process spawned from JSON (and from Lua), a
    /// <see cref="System.Text.Json.JsonElement"/>; for one spawned through a generated typed method, the typed value
    /// (also in <see cref="ProcessHandle{T}.Result"/>). A method without a result gives JSON <c>null</c> when spawned from
    /// JSON, and null when spawned through a typed method.
    /// </summary>
    public object? Value { get; }

    /// <summary>The error it ended with (a trap, a limit, a stop, a linked failure), or null when it returned.</summary>
    public WippyException? Error { get; }

    /// <summary>Whether its method returned (a WIT <c>result</c>'s <c>err</c> is a returned value, not an error).</summary>
    public bool Returned => Error is null;

    /// <inheritdoc />
    public override string ToString() => Error is null ? $"{Pid} ({EntryId}) returned" : $"{Pid} ({EntryId}) failed: {Error}";
}

/// <summary>What a watcher is told: a process it monitors exited, or one it is linked to failed.</summary>
/// <param name="Kind">Which.</param>
/// <param name="Exit">The exit.</param>
public sealed record ProcessEvent(ProcessEventKind Kind, ProcessExit Exit)
{
    /// <summary>The process the event is about.</summary>
    public string From => Exit.Pid;
}

/// <summary>The kinds of <see cref="ProcessEvent"/> (the names Lua sees in parentheses).</summary>
public enum ProcessEventKind
{
    /// <summary>A monitored process exited, with a value or an error (<c>pid.exit</c>).</summary>
    Exit,

    /// <summary>A linked process ended with an error (<c>pid.link.down</c>).</summary>
    LinkDown,
}
