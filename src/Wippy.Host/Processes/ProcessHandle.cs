namespace Wippy.Host.Processes;

/// <summary>A spawned process: its PID, and its exit when it comes.</summary>
public class ProcessHandle
{
    internal ProcessHandle(string pid, string entryId, Task<ProcessExit> exit)
    {
        Pid = pid;
        EntryId = entryId;
        Exit = exit;
    }

    /// <summary>Its PID: send to it, stop it, monitor it.</summary>
    public string Pid { get; }

    /// <summary>The entry it runs.</summary>
    public string EntryId { get; }

    /// <summary>Completes when the process has ended (never faults: the error is in <see cref="ProcessExit.Error"/>).</summary>
    public Task<ProcessExit> Exit { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Pid} ({EntryId})";
}

/// <summary>A process spawned through a generated typed method: its exit value typed.</summary>
/// <typeparam name="T">What the process's method returns.</typeparam>
public sealed class ProcessHandle<T> : ProcessHandle
{
    internal ProcessHandle(string pid, string entryId, Task<ProcessExit> exit)
        : base(pid, entryId, exit)
    {
        Result = ResultOf(exit);
    }

    /// <summary>The method's return value; faults with the process's <see cref="WippyException"/> when it ended with an error.</summary>
    public Task<T> Result { get; }

    private static async Task<T> ResultOf(Task<ProcessExit> exit)
    {
        var ended = await exit.ConfigureAwait(false);
        if (ended.Error is { } error) throw error;
        return (T)ended.Value!;
    }
}
