using System.Runtime.InteropServices;
using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// Stops Lua code at a time limit (<c>limits.max_execution_ms</c>), when the caller cancels (an executor's timeout,
/// a future's <c>cancel()</c>), or when the runtime stops its running calls (its disposal, a host's shutdown timeout:
/// <see cref="WippyRuntime.StopRunningCalls"/>). When it fires, it installs <c>lua_error</c> itself as the state's count hook: at the
/// next Lua instruction the VM raises, natively, with no managed frame in between, and the error unwinds to the
/// call's <c>lua_pcall</c> (a Lua-level <c>pcall</c> cannot keep it: the hook raises again at the next instruction).
/// No C# code ever raises a Lua error. Calls the Lua code makes into WebAssembly are cancelled by the same token.
/// </summary>
internal sealed class LuaInterrupt : IDisposable
{
    private static readonly nint RaiseHook = FindLuaError();

    private readonly LuaWorker _worker;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource? _limit;
    private readonly LuaDeadline? _deadline;
    private readonly CancellationTokenRegistration _registration;
    private readonly CancellationTokenRegistration _stopRegistration;
    private readonly Execution.CallCancellation.Scope _scope;
    private bool _running = true;

    private LuaInterrupt(LuaWorker worker, TimeSpan? limit, CancellationToken caller, CancellationToken stopping)
    {
        _worker = worker;
        _caller = caller;
        var token = caller;
        if (limit is { } time)
        {
            _limit = caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller) : new CancellationTokenSource();
            _deadline = LuaDeadline.Start(_limit, time); // not CancelAfter: a thread-pool timer is late when the pool is starved
            token = _limit.Token;
        }
        Limit = limit;
        _scope = Execution.CallCancellation.Enter(token);
        _registration = token.Register(static state => ((LuaInterrupt)state!).Fire(stopped: false), this);
        // Not part of the token above: nested calls keep their caller's cancellation; the runtime stops those itself.
        _stopRegistration = stopping.Register(static state => ((LuaInterrupt)state!).Fire(stopped: true), this);
    }

    /// <summary>The time limit, or null.</summary>
    public TimeSpan? Limit { get; }

    /// <summary>True when the interrupt stopped the Lua code.</summary>
    public bool Fired { get; private set; }

    /// <summary>True when it fired because of the time limit (not the caller's cancellation).</summary>
    public bool TimedOut { get; private set; }

    /// <summary>True when it fired because the runtime stopped its running calls.</summary>
    public bool Stopped { get; private set; }

    /// <summary>
    /// An interrupt for one call when there is a limit or a token that can be cancelled (the caller's, the runtime's
    /// <paramref name="stopping"/>); otherwise null.
    /// </summary>
    public static LuaInterrupt? Arm(LuaWorker worker, TimeSpan? limit, CancellationToken stopping)
    {
        var caller = Execution.CallCancellation.Ambient;
        return limit is null && !caller.CanBeCanceled && !stopping.CanBeCanceled ? null : new LuaInterrupt(worker, limit, caller, stopping);
    }

    private void Fire(bool stopped)
    {
        lock (this)
        {
            if (!_running || Fired) return; // the first reason stands
            Fired = true;
            Stopped = stopped;
            TimedOut = !stopped && _limit is { IsCancellationRequested: true } && !_caller.IsCancellationRequested;
            LuaApi.lua_sethook(_worker.L, RaiseHook, LuaApi.LUA_MASKCOUNT, 1);
        }
    }

    /// <summary>The error of an interrupted call: Unavailable when the runtime stopped it, otherwise Timeout.</summary>
    public WippyException Error(string entryId) =>
        Stopped ? new WippyException(ErrorKind.Unavailable, entryId, "the runtime stopped while the call ran")
        : Limit is { } limit && TimedOut
            ? new WippyException(ErrorKind.Timeout, entryId, $"the call ran longer than its limit of {limit.TotalMilliseconds:0} ms (limits.max_execution_ms) and was stopped")
            : new WippyException(ErrorKind.Timeout, entryId, "the call was cancelled by its caller while it ran");

    /// <summary>Ends the call: the hook is removed (under the same lock as <see cref="Fire"/>, so it cannot come back).</summary>
    public void Dispose()
    {
        _deadline?.Dispose();
        _registration.Dispose();
        _stopRegistration.Dispose();
        lock (this)
        {
            _running = false;
            LuaApi.lua_sethook(_worker.L, 0, 0, 0);
        }
        _scope.Dispose();
        _limit?.Dispose();
    }

    private static nint FindLuaError()
    {
        var library = NativeLibrary.Load(LuaApi.Library, typeof(LuaApi).Assembly, null);
        return NativeLibrary.GetExport(library, "lua_error");
    }
}
