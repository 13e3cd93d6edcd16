using Wippy.Security;

namespace Wippy.Host.Processes;

/// <summary>
/// A running process: its entry, its function handle (whose inline pool gives it an instance of its own), the token
/// that ends it, and its exit. Its guest sees it through <see cref="ProcessScope"/> and its store's host state.
/// </summary>
internal sealed class LocalProcess(string pid, WasmFunctionHandle function, MailboxLimits limits, CallContext context, LocalProcessHost host)
    : ProcessEndpoint(pid, limits, context)
{
    private readonly TaskCompletionSource<ProcessExit> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WippyException? _endedBy;

    /// <summary>The entry it runs.</summary>
    public string EntryId => Function.Id;

    /// <summary>Its entry's function handle.</summary>
    public WasmFunctionHandle Function { get; } = function;

    /// <summary>The host it runs in.</summary>
    public LocalProcessHost Host { get; } = host;

    /// <summary>Cancelled to end it at once (terminate, a linked failure, shutdown).</summary>
    public CancellationTokenSource Kill { get; } = new();

    /// <summary>Whether its exit goes to the runtime's exit feed.</summary>
    public bool Monitored { get; init; }

    /// <summary>Completes with its exit.</summary>
    public Task<ProcessExit> Exit => _exit.Task;

    /// <summary>Why it was ended from outside, once it was (the first reason wins).</summary>
    public WippyException? EndedBy => Volatile.Read(ref _endedBy);

    /// <summary>Ends it at once with <paramref name="error"/>: its guest is stopped at its next wait or epoch tick.</summary>
    public void End(WippyException error)
    {
        Interlocked.CompareExchange(ref _endedBy, error, null);
        try
        {
            Kill.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // already ended
        }
    }

    /// <summary>Completes <see cref="Exit"/>.</summary>
    public void Complete(ProcessExit exit) => _exit.TrySetResult(exit);

    /// <inheritdoc />
    /// <remarks>A guest has no event channel (as in the runtime we re-create): a monitor tells it nothing; a linked failure ends it.</remarks>
    public override void Notify(ProcessEvent e)
    {
        if (e.Kind == ProcessEventKind.LinkDown)
        {
            End(new WippyException(ErrorKind.Unavailable, EntryId, $"process {Pid}: linked process {e.From} failed: {e.Exit.Error?.Message}"));
        }
    }
}
