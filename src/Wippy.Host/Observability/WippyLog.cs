using Microsoft.Extensions.Logging;

namespace Wippy.Host.Observability;

/// <summary>The runtime's log events (category <c>Wippy.Host</c>); see docs/runtime.md#log-events.</summary>
internal static partial class WippyLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Entry {Entry} failed to load: {Reason}")]
    public static partial void EntryLoadFailed(ILogger logger, string entry, string reason);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Entry {Entry}: new instance in {Milliseconds:0.0} ms ({Busy} busy, {Idle} idle)")]
    public static partial void InstanceCreated(ILogger logger, string entry, double milliseconds, int busy, int idle);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Entry {Entry}: retired {Count} idle instance(s), {Idle} left")]
    public static partial void InstancesRetired(ILogger logger, string entry, int count, int idle);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Entry {Entry}: instance replaced after {Reason}")]
    public static partial void InstanceReplaced(ILogger logger, string entry, string reason);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "The pooling allocator cannot reserve {Bytes} bytes of address space: instances are allocated on demand")]
    public static partial void PoolingUnavailable(ILogger logger, ulong bytes);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Entry {Entry}: warm start, {Count} instance(s) ready")]
    public static partial void WarmStarted(ILogger logger, string entry, int count);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Precompiled code {Name} was not used, so the module is compiled now: {Reason}")]
    public static partial void PrecompiledNotUsed(ILogger logger, string name, string reason);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Wippy started: {Loaded} of {Total} function entries loaded")]
    public static partial void Started(ILogger logger, int loaded, int total);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Wippy stopping: waiting for {Count} call(s) in flight to finish")]
    public static partial void Draining(ILogger logger, int count);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "Wippy stopped: every call finished ({Milliseconds:0} ms)")]
    public static partial void Drained(ILogger logger, double milliseconds);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "Wippy stopped before {Count} call(s) finished: the host's shutdown timeout ended the wait; the calls still running were stopped and waiting callers fail with Unavailable")]
    public static partial void DrainTimedOut(ILogger logger, int count);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "[{Entry} stdout] {Line}")]
    public static partial void GuestStdout(ILogger logger, string entry, string line);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "[{Entry} stderr] {Line}")]
    public static partial void GuestStderr(ILogger logger, string entry, string line);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Entry {Entry}: the guest's HTTP request to {Target} was denied (HTTP-request-denied): no pattern of wasi.allowed_outbound_hosts allows it; to allow it, add \"{Pattern}\" to that list")]
    public static partial void OutboundRequestDenied(ILogger logger, string entry, string target, string pattern);

    [LoggerMessage(EventId = 18, Level = LogLevel.Warning, Message = "Entry {Entry}: the app implements {Implementation} only as {Implementation}Async, and guests do not run on fibers on an engine with the pooling allocator: each wait of {Functions} holds the guest's thread; implement {Implementation}, or leave WippyRuntimeOptions.PoolingAllocator unset to suspend the guest while it waits")]
    public static partial void ImportWaitsHoldThread(ILogger logger, string entry, string implementation, string functions);

    [LoggerMessage(EventId = 15, Level = LogLevel.Information, Message = "Trigger {Trigger} started")]
    public static partial void TriggerStarted(ILogger logger, string trigger);

    [LoggerMessage(EventId = 16, Level = LogLevel.Error, Message = "Trigger {Trigger} failed: {Reason}")]
    public static partial void TriggerFailed(ILogger logger, string trigger, string reason, Exception exception);
}
