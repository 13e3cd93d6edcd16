using Wippy.Host.GeneratedCode;
using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// The calls a Lua state started with <c>funcs.async</c> and not yet collected. Each runs on the thread pool (awaiting,
/// where the entry's guest can wait on a fiber: <see cref="FunctionHandle.CallFromLuaAsync"/>) with its
/// arguments copied into a state of its own (the carrier: Lua states are single-threaded), which also holds its
/// results until the Lua code asks for them. When the call of the state that started them ends, the unfinished ones
/// are cancelled and awaited, so no work outlives the call that asked for it.
/// </summary>
internal sealed unsafe class LuaFutures
{
    private readonly Dictionary<long, Pending> _pending = [];
    private long _next;

    /// <summary>Starts <paramref name="target"/> with the values in slots <paramref name="first"/>… of <paramref name="L"/>; returns the future's id.</summary>
    public long Start(WippyRuntime runtime, LuaExecutorOptions options, string target, nint L, int first, int count)
    {
        var carrier = LuaApi.luaL_newstate();
        if (carrier == 0) throw new WippyException(ErrorKind.Internal, target, "luaL_newstate failed (out of memory)");
        var pending = new Pending(carrier, count, Execution.CallCancellation.Ambient);
        try
        {
            // error objects copied into the carrier keep being error objects (LuaData.Copy looks for this key)
            LuaApi.lua_createtable(carrier, 0, 1);
            LuaStack.PushBytes(carrier, LuaData.ErrorMetatable);
            LuaStack.SetField(carrier, -2, "__name"u8);
            LuaStack.SetField(carrier, LuaApi.LUA_REGISTRYINDEX, LuaData.ErrorMetatable);
            LuaValues.Reserve(carrier, count + 2);
            for (var i = 0; i < count; i++) LuaData.Copy(L, first + i, carrier, "arg" + (i + 1));
        }
        catch
        {
            pending.Close();
            throw;
        }
        var token = pending.Cancel.Token;
        // On the thread pool; a call that can await (a guest on a fiber) holds no thread while its guest waits.
        pending.Task = Task.Run(() => LuaAsyncCall.RunAsync(options, target, token,
            t => runtime.GetFunction(target).CallFromLuaAsync(carrier, 1, count, t), results => pending.Results = results));
        var id = ++_next;
        _pending[id] = pending;
        return id;
    }

    /// <summary>Waits for the future and pushes <c>true, results…</c> or <c>false, kind, message</c>; returns how many.</summary>
    public int Await(nint L, long id)
    {
        var pending = Find(id);
        var error = pending.Task!.GetAwaiter().GetResult();
        if (error is not null) return LuaErrors.PushFailure(L, error);
        LuaValues.Reserve(L, pending.Results + 2);
        LuaApi.lua_pushboolean(L, 1);
        for (var i = 0; i < pending.Results; i++) LuaData.Copy(pending.Carrier, pending.Arguments + 1 + i, L, "result" + (i + 1));
        return pending.Results + 1;
    }

    /// <summary>Whether the call has finished (with a result or an error).</summary>
    public bool IsComplete(long id) => Find(id).Task!.IsCompleted;

    /// <summary>Whether <see cref="Cancel"/> stopped the call before it finished.</summary>
    public bool IsCanceled(long id) => Find(id).Canceled;

    /// <summary>Cancels the call (a WASM call is interrupted; it then fails with Timeout). False when it had finished already.</summary>
    public bool Cancel(long id)
    {
        var pending = Find(id);
        if (pending.Task!.IsCompleted) return false;
        pending.Canceled = true;
        pending.Cancel.Cancel();
        return true;
    }

    /// <summary>Cancels and awaits what is still running, and frees every carrier (the state's call has ended).</summary>
    public void EndCall()
    {
        if (_pending.Count == 0) return;
        foreach (var pending in _pending.Values) pending.Cancel.Cancel();
        foreach (var pending in _pending.Values)
        {
            try
            {
                pending.Task?.Wait();
            }
            catch (AggregateException)
            {
                // the task reports failures as values; nothing to do
            }
            pending.Close();
        }
        _pending.Clear();
    }

    private Pending Find(long id) =>
        _pending.TryGetValue(id, out var pending) ? pending : throw new WippyException(ErrorKind.Invalid, null, "this future belongs to a call that has ended");

    /// <summary>
    /// One future. Its cancellation is linked to the call that started it (<paramref name="caller"/>): when that call's
    /// limit passes, the future's call stops too (also its wait for a worker), so <c>result()</c> never waits longer.
    /// </summary>
    private sealed class Pending(nint carrier, int arguments, CancellationToken caller)
    {
        public nint Carrier { get; } = carrier;
        public int Arguments { get; } = arguments;
        public CancellationTokenSource Cancel { get; } = caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller) : new();
        public Task<WippyException?>? Task { get; set; }
        public int Results { get; set; }
        public bool Canceled { get; set; }

        public void Close()
        {
            LuaApi.lua_close(Carrier);
            Cancel.Dispose();
        }
    }
}
