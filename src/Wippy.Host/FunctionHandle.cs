using System.Text.Json;
using Wippy.Host.Observability;
using Wippy.Host.Registry;

namespace Wippy.Host;

/// <summary>
/// A function entry as the runtime holds it, whatever runs it: a WebAssembly module or component
/// (<see cref="WasmFunctionHandle"/>) or Lua (<see cref="Lua.LuaFunctionHandle"/>). Get one with
/// <see cref="WippyRuntime.GetFunction"/>. Everything that calls functions from outside (the command line, Lua's
/// <c>funcs.call</c>, HTTP next) calls through this type and never needs to know what kind of function it calls;
/// typed C# proxies use the subclasses' typed calls.
/// </summary>
/// <remarks>
/// An entry that failed to load is still a handle: <see cref="IsLoaded"/> is false and every call fails with
/// <see cref="LoadError"/>. Calls run on the caller's thread, on a worker of the entry's pool (docs/runtime.md).
/// </remarks>
public abstract class FunctionHandle : IDisposable, IEntryPoolStats
{
    private protected FunctionHandle(EntryDescriptor descriptor, EntryObserver observer)
    {
        Descriptor = descriptor;
        Observer = observer;
    }

    /// <summary>The entry id, e.g. <c>myns:compute</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The entry's descriptor (its kind, where it is declared, its settings).</summary>
    public EntryDescriptor Descriptor { get; }

    /// <summary>True when the entry loaded; otherwise every call fails with <see cref="LoadError"/>.</summary>
    public bool IsLoaded => LoadError is null;

    /// <summary>Why the entry did not load, or null.</summary>
    public WippyException? LoadError { get; private protected set; }

    /// <summary>Calls running now.</summary>
    public abstract int Busy { get; }

    /// <summary>Callers waiting for a worker now.</summary>
    public abstract int Queued { get; }

    /// <summary>Callers waiting for room in a full queue (static pools: the queue holds <c>buffer</c> callers).</summary>
    public abstract int WaitingForRoom { get; }

    /// <summary>Warm workers (instances or Lua states) waiting for a call now.</summary>
    public abstract int Idle { get; }

    /// <summary>Calls running now or waiting for a worker.</summary>
    internal int InFlight => Busy + Queued + WaitingForRoom;

    /// <summary>The entry's metrics and log events.</summary>
    internal EntryObserver Observer { get; }

    /// <summary>
    /// Calls the function with one JSON value per parameter and writes its result as JSON (nothing for a function
    /// without result), converting values as docs/values.md describes. Used by the command line's <c>call</c>.
    /// </summary>
    /// <exception cref="WippyException">The call failed: Invalid for values that do not fit the signature, Trap, Timeout, the entry did not load…</exception>
    public abstract void CallJson(ReadOnlySpan<JsonElement> args, Utf8JsonWriter writer);

    /// <summary>
    /// Like <see cref="CallJson"/>, awaiting the call where the entry can: a component whose guest waits (a sleep, an
    /// HTTP response) runs on a fiber and holds no thread while it waits. Other entries run synchronously on the
    /// calling thread, and the task is already complete when this returns.
    /// </summary>
    /// <param name="args">One JSON value per WIT parameter.</param>
    /// <param name="writer">Receives the result (null for a function without result).</param>
    /// <param name="cancellationToken">Cancels the call, before or while it runs.</param>
    /// <exception cref="WippyException">As for <see cref="CallJson"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the call's Timeout error inside).</exception>
    public virtual ValueTask CallJsonAsync(ReadOnlyMemory<JsonElement> args, Utf8JsonWriter writer, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!cancellationToken.CanBeCanceled)
            {
                CallJson(args.Span, writer); // within the calling call's bounds, if any
                return ValueTask.CompletedTask;
            }

            using (Execution.CallCancellation.Enter(cancellationToken))
            {
                CallJson(args.Span, writer);
            }
            return ValueTask.CompletedTask;
        }
        catch (WippyException e) when (e.Kind == ErrorKind.Timeout && cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromException(Execution.CallCancellation.CallerCancelled(e, cancellationToken));
        }
        catch (Exception e)
        {
            return ValueTask.FromException(e);
        }
    }

    /// <summary>
    /// <c>funcs.call</c> from Lua: calls the function with the values in stack slots <paramref name="first"/>… of the
    /// Lua state <paramref name="L"/> and pushes its results there; returns how many.
    /// </summary>
    internal abstract int CallFromLua(nint L, int first, int count);

    /// <summary>
    /// <c>funcs.async</c> from Lua: like <see cref="CallFromLua"/>, awaiting the call where the entry can (a guest that
    /// waits on a fiber then holds no thread); otherwise the same synchronous call. <paramref name="L"/> must be the
    /// caller's alone until the task completes. <paramref name="cancellationToken"/> cancels the call: an
    /// <see cref="OperationCanceledException"/> whose inner exception is the call's Timeout error.
    /// </summary>
    internal virtual ValueTask<int> CallFromLuaAsync(nint L, int first, int count, CancellationToken cancellationToken)
    {
        using (Execution.CallCancellation.Enter(cancellationToken))
        {
            return new ValueTask<int>(CallFromLua(L, first, count));
        }
    }

    /// <summary>Creates the entry's first workers now (<c>warm_start</c>): static pools all their workers, the others one.</summary>
    internal abstract void Warm();

    /// <summary>Retires workers idle for <paramref name="idleTimeout"/> (lazy: all; adaptive: all but one; static: none).</summary>
    internal abstract int RetireIdle(TimeSpan idleTimeout);

    /// <summary>Stops the workers (waiting callers fail with Unavailable) and frees what the entry loaded.</summary>
    public abstract void Dispose();

    /// <inheritdoc />
    public override string ToString() => Descriptor.ToString();
}
