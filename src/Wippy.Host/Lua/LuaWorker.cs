using System.Runtime.InteropServices;
using System.Text;
using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// One Lua state serving one <c>function.lua</c> entry: sandboxed standard library, the prelude (<see cref="LuaPrelude"/>),
/// the entry's source run once, and a reference to the function <c>method:</c> names. A worker serves one call at a
/// time (the pool guarantees it); a state is never shared by two calls at once.
/// </summary>
internal sealed unsafe class LuaWorker : IDisposable
{
    private GCHandle _self;
    private nint _state;

    private LuaWorker(WippyRuntime link, string entryId, long memoryLimit)
    {
        Link = link;
        EntryId = entryId;
        Memory = new LuaMemory(memoryLimit);
        _self = GCHandle.Alloc(this);
        _state = LuaApi.lua_newstate(LuaMemory.Allocator, Memory.UserData);
        if (_state == 0)
        {
            _self.Free();
            Memory.Dispose();
            throw new WippyException(ErrorKind.Internal, entryId, "lua_newstate failed (out of memory)");
        }
    }

    /// <summary>The state's memory: its limit and what it holds (<see cref="LuaMemory"/>).</summary>
    public LuaMemory Memory { get; }

    /// <summary>The runtime this worker's <c>funcs.call</c> reaches.</summary>
    public WippyRuntime Link { get; }

    /// <summary>The entry the worker serves.</summary>
    public string EntryId { get; }

    /// <summary>The <c>lua_State*</c>.</summary>
    public nint L => _state != 0 ? _state : throw new ObjectDisposedException(nameof(LuaWorker));

    /// <summary>The targets this state's <c>funcs.call</c> resolved lately.</summary>
    public LuaTargetCache Targets { get; } = new();

    /// <summary>The calls this state started with <c>funcs.async</c> during the current call.</summary>
    public LuaFutures Futures { get; } = new();

    /// <summary>The current call's PID and channels (the <c>process</c>, <c>channel</c> and <c>time</c> modules).</summary>
    public LuaProcesses Processes => _processes ??= new LuaProcesses(Link);

    private LuaProcesses? _processes;

    /// <summary>Ends the current call's process side (its PID and channels), if it used one.</summary>
    public void EndProcessCall() => _processes?.EndCall();

    /// <summary>The registry reference of the entry's function.</summary>
    public int Function { get; private set; }

    /// <summary>
    /// A new state for <paramref name="entryId"/> running <paramref name="source"/> (named <paramref name="chunkName"/> in
    /// errors), whose function <paramref name="method"/> calls go to; <paramref name="modules"/> are what it may require.
    /// The state may hold at most <paramref name="memoryLimit"/> bytes while Lua code runs.
    /// </summary>
    /// <exception cref="WippyException">Invalid when the source does not compile, fails when run, or defines no such function; Trap when running it passes the memory limit.</exception>
    public static LuaWorker Create(WippyRuntime link, string entryId, string source, string chunkName, string method, IReadOnlyList<string> modules, long memoryLimit)
    {
        var worker = new LuaWorker(link, entryId, memoryLimit);
        try
        {
            worker.OpenLibraries();
            worker.RunPrelude(modules);
            worker.Function = worker.LoadEntry(source, chunkName, method);
            return worker;
        }
        catch
        {
            worker.Dispose();
            throw;
        }
    }

    private void OpenLibraries()
    {
        var L = this.L;
        LuaApi.luaopen_base(L);
        LuaStack.Pop(L);
        // Each luaopen_* pushes its library table; the state gets it as a global. No io, debug or package.
        LuaApi.luaopen_table(L);
        LuaStack.SetGlobal(L, "table");
        LuaApi.luaopen_string(L);
        LuaStack.SetGlobal(L, "string");
        LuaApi.luaopen_math(L);
        LuaStack.SetGlobal(L, "math");
        LuaApi.luaopen_utf8(L);
        LuaStack.SetGlobal(L, "utf8");
        LuaApi.luaopen_coroutine(L);
        LuaStack.SetGlobal(L, "coroutine");
        LuaApi.luaopen_os(L);
        LuaStack.SetGlobal(L, "os"); // trimmed to time/clock/date/difftime by the prelude
    }

    private void RunPrelude(IReadOnlyList<string> modules)
    {
        var L = this.L;
        Load(LuaPrelude.Source, "=wippy.prelude");
        var self = GCHandle.ToIntPtr(_self);
        LuaApi.lua_pushlightuserdata(L, self);
        LuaApi.lua_pushcclosure(L, &FuncsNative.Call, 1);
        LuaApi.lua_pushlightuserdata(L, self);
        LuaApi.lua_pushcclosure(L, &FuncsNative.CallWith, 1);
        LuaApi.lua_pushlightuserdata(L, self);
        LuaApi.lua_pushcclosure(L, &FuncsNative.Async, 1);
        LuaApi.lua_pushlightuserdata(L, self);
        LuaApi.lua_pushcclosure(L, &FuncsNative.Await, 1);
        LuaApi.lua_pushlightuserdata(L, self);
        LuaApi.lua_pushcclosure(L, &FuncsNative.Future, 1);
        LuaApi.lua_pushlightuserdata(L, self);
        LuaApi.lua_pushcclosure(L, &HttpNative.Call, 1);
        LuaApi.lua_pushlightuserdata(L, self);
        LuaApi.lua_pushcclosure(L, &ProcessNative.Call, 1);
        LuaApi.lua_createtable(L, 0, modules.Count);
        foreach (var module in modules)
        {
            LuaApi.lua_pushboolean(L, 1);
            LuaStack.SetField(L, -2, module);
        }
        LuaStack.PushString(L, EntryId);
        Call(9, 1, "the prelude");
        LuaStack.SetField(L, LuaApi.LUA_REGISTRYINDEX, LuaData.ErrorMetatable);
    }

    private int LoadEntry(string source, string chunkName, string method)
    {
        var L = this.L;
        Load(source, chunkName);
        Call(0, 1, "its source");
        if (LuaApi.lua_type(L, -1) == LuaApi.LUA_TTABLE)
        {
            LuaStack.GetField(L, -1, Encoding.UTF8.GetBytes(method + "\0"));
            LuaApi.lua_rotate(L, -2, 1);
            LuaStack.Pop(L);
        }
        else
        {
            LuaStack.Pop(L);
            LuaStack.GetGlobal(L, method);
        }
        if (LuaApi.lua_type(L, -1) != LuaApi.LUA_TFUNCTION)
        {
            LuaStack.Pop(L);
            throw new WippyException(ErrorKind.Invalid, EntryId,
                $"the source defines no function '{method}' (method:): return a table holding it, or define it as a global");
        }
        return LuaApi.luaL_ref(L, LuaApi.LUA_REGISTRYINDEX);
    }

    private void Load(string source, string chunkName)
    {
        var text = Encoding.UTF8.GetBytes(source);
        var name = Encoding.UTF8.GetBytes(chunkName + "\0");
        int status;
        fixed (byte* t = text)
        fixed (byte* n = name)
        fixed (byte* mode = "t"u8)
        {
            status = LuaApi.luaL_loadbufferx(L, t, (nuint)text.Length, n, mode);
        }
        if (status != LuaApi.LUA_OK)
        {
            var message = LuaStack.ToStringOrNull(L, -1) ?? "unknown error";
            LuaStack.Pop(L);
            throw new WippyException(ErrorKind.Invalid, EntryId, "the Lua source does not compile: " + message);
        }
    }

    private void Call(int args, int results, string what)
    {
        int status;
        using (Memory.Enforce()) status = LuaApi.lua_pcallk(L, args, results, 0, 0, 0);
        if (status != LuaApi.LUA_OK)
        {
            if (status == LuaApi.LUA_ERRMEM || Memory.Refused) throw LuaErrors.OutOfMemory(L, -1, EntryId, Memory.Limit, "running " + what);
            throw new WippyException(ErrorKind.Invalid, EntryId, $"running {what} failed: " + LuaErrors.Describe(L, -1).Message);
        }
    }

    /// <summary>
    /// Why the state should not be kept warm after a successful call, or null to keep it: the allocator refused a
    /// request during the call (Lua code caught the memory error), or the state holds more than
    /// <paramref name="retained"/> bytes, garbage not yet collected included. (No collection is forced here: it would
    /// run the state's <c>__gc</c> finalizers, Lua code, outside the call's time limit.)
    /// </summary>
    public string? ReplaceAfterCall(long retained)
    {
        if (Memory.Refused) return $"its Lua state reached its memory limit of {Memory.Limit} bytes (limits.max_memory_bytes)";
        var used = Memory.Used;
        return used > retained ? $"its Lua state grew to {used} bytes (limits.max_retained_memory_bytes = {retained})" : null;
    }

    public void Dispose()
    {
        Futures.EndCall();
        _processes?.EndCall();
        var state = Interlocked.Exchange(ref _state, 0);
        if (state != 0)
        {
            LuaApi.lua_close(state); // frees every block through the allocator: the budget must still be there
            Memory.Dispose();
        }
        if (_self.IsAllocated) _self.Free();
    }
}
