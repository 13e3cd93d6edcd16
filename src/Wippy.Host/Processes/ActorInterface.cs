using Wippy.Host.GeneratedCode;
using Wippy.Host.HostInterfaces;
using Wippy.Host.WasiHost.Io;

namespace Wippy.Host.Processes;

/// <summary>
/// <c>wippy:actor/process@0.1.0</c>, the mailbox interface of a process's guest, with the names, types and error
/// strings of the runtime we re-create (docs/processes.md, "The mailbox interface"):
/// <code>
/// self: func() -> pid;
/// send: func(target: pid, topic: string, payloads: list&lt;payload&gt;) -> result&lt;bool, string&gt;;
/// try-receive: func() -> result&lt;option&lt;message&gt;, string&gt;;
/// receive: func() -> result&lt;message, string&gt;;
/// subscribe: func() -> pollable;
/// </code>
/// where <c>payload</c> is <c>record { format: string, data: list&lt;u8&gt; }</c> and <c>message</c> is
/// <c>record { from: pid, topic: string, payloads: list&lt;payload&gt; }</c>. <c>receive</c> waits: on a fiber the
/// guest is suspended until a message comes or the mailbox closes, holding no thread.
/// </summary>
internal static class ActorInterface
{
    /// <summary>The interface's name without version.</summary>
    public const string Name = "wippy:actor/process";

    /// <summary>The <c>imports:</c> name that grants it.</summary>
    public const string Group = "wippy:actor";

    private const string Closed = "closed";

    /// <summary>The interface.</summary>
    public static HostInterface Interface { get; } = new(Name, [], new Dictionary<string, HostFunction>(StringComparer.Ordinal)
    {
        ["self"] = (call, _, results) => results[0] = ComponentVal.OwnedString(Process(call).Pid),
        ["send"] = Send,
        ["try-receive"] = (call, _, results) =>
        {
            var mailbox = Process(call).Mailbox;
            results[0] = mailbox.TryTake(out var message)
                ? ComponentVal.OwnedOk(ComponentVal.OwnedSome(MessageOf(message!)))
                : mailbox.IsClosed ? Error(Closed) : ComponentVal.OwnedOk(ComponentVal.None);
        },
        ["subscribe"] = (call, _, results) => results[0] = call.Own(PollInterface.PollableType, new MailboxPollable(Process(call).Mailbox)),
    }, new Dictionary<string, HostWaitingFunction>(StringComparer.Ordinal)
    {
        ["receive"] = Receive,
    });

    /// <summary>Whether <paramref name="instanceName"/> is this interface at a version this host implements (0.1.x, or none).</summary>
    public static bool Is(string instanceName)
    {
        if (!instanceName.StartsWith(Name, StringComparison.Ordinal)) return false;
        var rest = instanceName.AsSpan(Name.Length);
        return rest.IsEmpty || rest.StartsWith("@0.1.", StringComparison.Ordinal);
    }

    /// <summary>The oldest message; when none is queued, a wait on the mailbox, then the same again.</summary>
    private static HostWait? Receive(HostCall call, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results)
    {
        var process = Process(call);
        return TakeOrWait(process.Mailbox, results);
    }

    private static HostWait? TakeOrWait(Mailbox mailbox, Span<ComponentVal> results)
    {
        if (mailbox.TryTake(out var message))
        {
            results[0] = ComponentVal.OwnedOk(MessageOf(message!));
            return null;
        }
        if (mailbox.IsClosed)
        {
            results[0] = Error(Closed);
            return null;
        }
        return new HostWait(new MailboxPollable(mailbox), (_, _, next) => TakeOrWait(mailbox, next));
    }

    private static void Send(HostCall call, ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results)
    {
        var process = Process(call);
        var target = args[0].AsString();
        var topic = args[1].AsUtf8();
        if (MessageRules.CheckTopic(topic) is var topicCheck && topicCheck != SendOutcome.Accepted)
        {
            results[0] = Error(SendOutcomes.Wire(topicCheck));
            return;
        }
        var items = args[2].AsList();
        if (items.Length > MessageRules.MaxPayloads)
        {
            results[0] = Error(SendOutcomes.Wire(SendOutcome.TooLarge));
            return;
        }
        var payloads = new ProcessPayload[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var fields = ComponentValues.ReadRecord(items[i], "payloads", 2);
            var payload = ProcessPayload.From(fields[0].Value.AsString(), ComponentValues.ReadBytes(fields[1].Value, "payloads"), out var refused);
            if (payload is null)
            {
                results[0] = Error(SendOutcomes.Wire(refused));
                return;
            }
            payloads[i] = payload;
        }
        var outcome = process.Host.Post(process, target, System.Text.Encoding.UTF8.GetString(topic), payloads, out _);
        results[0] = outcome == SendOutcome.Accepted ? ComponentVal.OwnedOk(ComponentVal.Bool(true)) : Error(SendOutcomes.Wire(outcome));
    }

    /// <summary>The process whose store this is; a guest that is not a spawned process has no mailbox.</summary>
    private static LocalProcess Process(HostCall call) =>
        call.State.Process ?? throw new WippyException(ErrorKind.Unavailable, call.State.EntryId,
            $"'{call.Function}': only a spawned process has a mailbox (spawn this process.wasm entry through runtime.Processes or Lua's process.spawn)");

    private static ComponentVal Error(string error) => ComponentVal.OwnedErr(ComponentVal.OwnedString(error));

    /// <summary>A message as the guest's <c>message</c> record.</summary>
    private static ComponentVal MessageOf(ProcessMessage message)
    {
        var payloads = ComponentVal.OwnedList(message.Payloads.Count);
        for (var i = 0; i < message.Payloads.Count; i++)
        {
            var payload = message.Payloads[i];
            var record = ComponentVal.OwnedRecord(2);
            ComponentVal.SetField(ref record, 0, "format", ComponentVal.OwnedString(payload.FormatName));
            ComponentVal.SetField(ref record, 1, "data", ComponentVal.OwnedBytes(payload.Data.Span));
            ComponentVal.SetItem(ref payloads, i, record);
        }
        var result = ComponentVal.OwnedRecord(3);
        ComponentVal.SetField(ref result, 0, "from", ComponentVal.OwnedString(message.From));
        ComponentVal.SetField(ref result, 1, "topic", ComponentVal.OwnedString(message.Topic));
        ComponentVal.SetField(ref result, 2, "payloads", payloads);
        return result;
    }
}
