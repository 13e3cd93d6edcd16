using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>Why a <see cref="WasmInterruptWatch"/> stopped running wasm.</summary>
internal enum WasmInterruptReason
{
    /// <summary>It did not.</summary>
    None,

    /// <summary>The call ran past its time limit.</summary>
    Timeout,

    /// <summary>The caller's cancellation token was cancelled.</summary>
    Cancelled,

    /// <summary>The runtime stopped (<see cref="WasmEngine.Stop"/>) while the call ran.</summary>
    Stopped,
}

/// <summary>
/// Stops a store's running wasm when a call's time limit passes or its caller cancels, through epoch interruption:
/// the engine's single ticker advances the epoch; each tick a running store reaches its deadline and Wasmtime asks
/// this watch whether to go on (one more tick) or stop (the guest call then fails; <see cref="Reason"/> says why).
/// A store with a watch must be <see cref="Arm"/>ed before any of its wasm runs. One watch per store; not shared.
/// Every watch also stops its store's wasm when the engine stops (<see cref="WasmEngine.Stopping"/>), armed or not.
/// </summary>
internal sealed class WasmInterruptWatch
{
    private readonly CancellationToken _stopping;
    private long _started;
    private long _limitTicks;
    private CancellationToken _token;

    private WasmInterruptWatch(CancellationToken stopping) => _stopping = stopping;

    /// <summary>Cancelled when the engine stops: waits in host functions end on it too.</summary>
    public CancellationToken Stopping => _stopping;

    /// <summary>Why the last armed call was stopped, or <see cref="WasmInterruptReason.None"/>.</summary>
    public WasmInterruptReason Reason { get; private set; }

    /// <summary>The time limit of the last armed call, or null.</summary>
    public TimeSpan? Limit { get; private set; }

    /// <summary>Installs the watch on <paramref name="store"/> (its engine must have epoch interruption on).</summary>
    public static unsafe WasmInterruptWatch Attach(WasmStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!store.Engine.Options.EpochInterruption)
        {
            throw new InvalidOperationException("The engine was created without epoch interruption.");
        }
        var watch = new WasmInterruptWatch(store.Engine.Stopping);
        var handle = GCHandle.Alloc(watch);
        WasmtimeApi.wasmtime_store_epoch_deadline_callback(store.NativeHandle, &OnDeadline, GCHandle.ToIntPtr(handle), &Free);
        // The deadline is set once, here, one tick ahead; from then on only OnDeadline moves it, one tick at a time. So
        // it is never more than one tick ahead of the engine's epoch, and a running store hears every tick, whatever
        // call it runs: arming a call need not touch the store (a native call saved on every call). After an idle
        // spell the deadline lies in the past, and the next call's first epoch check runs OnDeadline once, early.
        store.SetEpochDeadline(1);
        return watch;
    }

    /// <summary>
    /// Starts watching a call: from now on, running wasm in the store stops once <paramref name="limit"/> has passed
    /// (null: no limit) or <paramref name="token"/> is cancelled, at the next epoch tick.
    /// <paramref name="callersOwnToken"/> says whether the token is one the caller passed for this call (an async
    /// proxy's), whose cancellation the caller sees as <see cref="OperationCanceledException"/>, rather than an
    /// ambient one (a Lua executor's timeout, the calling call's), which is a Timeout of this call.
    /// </summary>
    public void Arm(TimeSpan? limit, CancellationToken token, bool callersOwnToken = false)
    {
        ReleaseImportToken();
        // Only a time limit needs the start time (reading the clock is most of the cost of arming).
        _limitTicks = limit is { } l ? (long)(l.TotalSeconds * Stopwatch.Frequency) : 0;
        _started = _limitTicks > 0 ? Stopwatch.GetTimestamp() : 0;
        if (!_token.Equals(token)) _token = token; // most calls pass the same (none): no write barrier then
        CallersOwnToken = callersOwnToken;
        Limit = limit;
        Reason = WasmInterruptReason.None;
    }

    private CancellationTokenSource? _importSource;
    private Lua.LuaDeadline? _importDeadline;

    /// <summary>
    /// A token cancelled when the armed call must stop: its caller cancels, the engine stops, or its time limit passes (fired from the
    /// deadline thread, not a thread-pool timer). Made on first use, for C# import implementations that wait
    /// (<see cref="ImportCancellation"/>); a call whose imports never ask costs nothing.
    /// </summary>
    public CancellationToken ImportToken()
    {
        if (_importSource is { } existing) return existing.Token;
        var source = _token.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_token, _stopping)
            : CancellationTokenSource.CreateLinkedTokenSource(_stopping);
        if (_limitTicks > 0)
        {
            var left = _started + _limitTicks - Stopwatch.GetTimestamp();
            _importDeadline = Lua.LuaDeadline.Start(source, TimeSpan.FromSeconds(Math.Max(0, left) / (double)Stopwatch.Frequency));
        }
        _importSource = source;
        return source.Token;
    }

    /// <summary>
    /// Ends the armed call's import token, if an import asked for one: its deadline is withdrawn and its source, linked
    /// to the caller's token, disposed (a long-lived caller token would otherwise keep every call's source alive).
    /// </summary>
    public void EndCall()
    {
        if (_importSource is not null) ReleaseImportToken();
    }

    private void ReleaseImportToken()
    {
        _importDeadline?.Dispose();
        _importDeadline = null;
        _importSource?.Dispose();
        _importSource = null;
    }

    /// <summary>The caller's cancellation token of the armed call.</summary>
    public CancellationToken Token => _token;

    /// <summary>Whether <see cref="Token"/> is the caller's own (see <see cref="Arm"/>).</summary>
    public bool CallersOwnToken { get; private set; }

    /// <summary>
    /// The <see cref="Stopwatch"/> timestamp at which the armed call's time limit passes (<see cref="long.MaxValue"/>
    /// without a limit). Host functions that wait stop waiting there.
    /// </summary>
    public long LimitTimestamp => _limitTicks > 0 ? _started + _limitTicks : long.MaxValue;

    /// <summary>
    /// Whether the armed call must stop now (its limit passed, its caller cancelled or the engine stopped); sets <see cref="Reason"/>
    /// when it must. Host functions check this around their waits: the epoch ticks only stop running wasm.
    /// </summary>
    public bool ShouldStop()
    {
        if (_stopping.IsCancellationRequested)
        {
            Reason = WasmInterruptReason.Stopped;
            return true;
        }
        if (_token.IsCancellationRequested)
        {
            Reason = WasmInterruptReason.Cancelled;
            return true;
        }
        if (_limitTicks > 0 && Stopwatch.GetTimestamp() - _started >= _limitTicks)
        {
            Reason = WasmInterruptReason.Timeout;
            return true;
        }
        return false;
    }

    private static readonly byte[] StopMessage = Encoding.UTF8.GetBytes("interrupted by the host (time limit or cancellation)\0");

    [UnmanagedCallersOnly]
    private static unsafe nint OnDeadline(nint context, nint data, ulong* delta, byte* kind)
    {
        var watch = (WasmInterruptWatch)GCHandle.FromIntPtr(data).Target!;
        if (watch.ShouldStop())
        {
            fixed (byte* message = StopMessage)
            {
                return WasmtimeApi.wasmtime_error_new(message);
            }
        }
        *delta = 1;
        *kind = 0; // continue
        return 0;
    }

    [UnmanagedCallersOnly]
    private static void Free(nint data) => GCHandle.FromIntPtr(data).Free();
}
