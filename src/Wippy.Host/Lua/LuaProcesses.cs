using Wippy.Host.Lua.Native;
using Wippy.Host.Processes;

namespace Wippy.Host.Lua;

/// <summary>
/// What a Lua call's <c>process</c> module holds: the call's PID (a C# mailbox opened the first time the call uses
/// <c>process</c>, closed when the call ends, as a process exits), and its channels by id: 1 the inbox, 2 the events,
/// then one per <c>time.after</c>. Receiving blocks the call's thread, as <c>funcs.call</c> does, until a value comes or
/// the call's limit or cancellation ends the wait.
/// </summary>
internal sealed class LuaProcesses(WippyRuntime runtime)
{
    /// <summary>The id of the inbox channel.</summary>
    public const int InboxId = 1;

    /// <summary>The id of the events channel.</summary>
    public const int EventsId = 2;

    private readonly List<LuaChannel> _timers = [];
    private ProcessMailbox? _mailbox;
    private InboxChannel? _inbox;
    private EventsChannel? _events;

    /// <summary>The call's mailbox, opened now if it is not yet.</summary>
    public ProcessMailbox Mailbox
    {
        get
        {
            if (_mailbox is null)
            {
                _mailbox = runtime.Processes.OpenMailbox();
                _inbox = new InboxChannel(_mailbox);
                _events = new EventsChannel(_mailbox);
            }
            return _mailbox;
        }
    }

    /// <summary>A new <c>time.after</c> channel's id.</summary>
    public long AddTimer(TimeSpan after)
    {
        _timers.Add(new TimerChannel(after));
        return EventsId + _timers.Count;
    }

    /// <summary>The channel <paramref name="id"/> of this call.</summary>
    /// <exception cref="WippyException">Invalid: no such channel in this call (a channel kept from an earlier call).</exception>
    public LuaChannel Channel(long id)
    {
        _ = Mailbox;
        return id switch
        {
            InboxId => _inbox!,
            EventsId => _events!,
            _ when id > EventsId && id - EventsId <= _timers.Count => _timers[(int)(id - EventsId - 1)],
            _ => throw new WippyException(ErrorKind.Invalid, null, "the channel belongs to an earlier call: channels live as long as the call that made them"),
        };
    }

    /// <summary>
    /// Waits until one of <paramref name="channels"/> has a value, pushes it and returns its index; blocks the thread
    /// within the call's limit (<see cref="Execution.CallCancellation.Ambient"/>).
    /// </summary>
    /// <exception cref="WippyException">Timeout: the call's limit passed or it was cancelled while waiting; Unavailable: the runtime is stopping.</exception>
    public int Receive(nint L, IReadOnlyList<LuaChannel> channels)
    {
        var token = Execution.CallCancellation.Ambient;
        while (true)
        {
            for (var i = 0; i < channels.Count; i++)
            {
                if (channels[i].TryReceive(L)) return i;
            }
            if (channels.Any(c => c.IsClosed))
            {
                throw new WippyException(ErrorKind.Unavailable, null, "the call's mailbox is closed: the runtime is stopping");
            }
            var ready = new Task[channels.Count];
            for (var i = 0; i < channels.Count; i++) ready[i] = channels[i].WhenReady();
            try
            {
                Task.WaitAny(ready, token);
            }
            catch (OperationCanceledException)
            {
                throw new WippyException(ErrorKind.Timeout, null, "the call's time limit passed (or it was cancelled) while it waited to receive");
            }
        }
    }

    /// <summary>Ends the call's process side: its mailbox closes (its PID is gone), its channels are forgotten.</summary>
    public void EndCall()
    {
        _mailbox?.Dispose();
        _mailbox = null;
        _inbox = null;
        _events = null;
        _timers.Clear();
    }
}
