using System.Runtime.InteropServices;
using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// The native side of the <c>funcs</c> module. Calls return the target's results or <c>nil, err</c> (an error object);
/// the future functions return <c>true, …</c> or <c>false, kind, message</c>, which the prelude turns into
/// <c>nil, err</c>. Nothing here raises a Lua error, and no exception leaves these callbacks. Each lifts its state's
/// memory limit while it runs (<see cref="LuaMemory"/>): the values it pushes must not make Lua raise over its frames.
/// </summary>
internal static unsafe class FuncsNative
{
    /// <summary>
    /// <c>funcs.call(target, ...)</c> itself (no Lua wrapper: this is the hot path): returns the target's results, or
    /// <c>nil, err</c> with an error object.
    /// </summary>
    [UnmanagedCallersOnly]
    public static int Call(nint L)
    {
        using var unlimited = Worker(L).Memory.Suspend();
        return Invoke(L, 1, default);
    }

    /// <summary><c>native_call_with(options, target, ...)</c>: an executor's call, with its context and timeout.</summary>
    [UnmanagedCallersOnly]
    public static int CallWith(nint L)
    {
        using var unlimited = Worker(L).Memory.Suspend();
        var top = LuaApi.lua_gettop(L);
        try
        {
            return Invoke(L, 2, LuaExecutorOptions.Read(L, 1));
        }
        catch (Exception e) // nothing may leave a callback Lua called
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushError(L, LuaErrors.AsWippy(e));
        }
    }

    /// <summary>Calls the target at slot <paramref name="targetSlot"/> with the values above it.</summary>
    private static int Invoke(nint L, int targetSlot, LuaExecutorOptions options)
    {
        var top = LuaApi.lua_gettop(L);
        FunctionHandle? target = null;
        try
        {
            var worker = Worker(L);
            target = worker.Targets.Find(worker.Link, L, targetSlot);
            var count = Math.Max(0, top - targetSlot);
            return options == default
                ? target.CallFromLua(L, targetSlot + 1, count)
                : WithOptions(options, target, L, targetSlot + 1, count);
        }
        catch (Exception e) // nothing may leave a callback Lua called
        {
            LuaApi.lua_settop(L, top);
            var error = LuaErrors.AsWippy(e, target?.Id);
            return LuaErrors.PushError(L, target is null ? error : error.WithEntry(target.Id));
        }
    }

    /// <summary><c>native_async(executor, target, ...)</c>: starts the call; returns <c>true, id</c> or <c>false, kind, message</c>.</summary>
    [UnmanagedCallersOnly]
    public static int Async(nint L)
    {
        using var unlimited = Worker(L).Memory.Suspend();
        var top = LuaApi.lua_gettop(L);
        try
        {
            var worker = Worker(L);
            var options = LuaExecutorOptions.Read(L, 1);
            var target = LuaTargetCache.TargetName(L, 2);
            var id = worker.Futures.Start(worker.Link, options, target, L, 3, Math.Max(0, top - 2));
            LuaApi.lua_pushboolean(L, 1);
            LuaApi.lua_pushinteger(L, id);
            return 2;
        }
        catch (Exception e)
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushFailure(L, LuaErrors.AsWippy(e));
        }
    }

    /// <summary><c>native_await(id)</c>: waits; returns <c>true, results…</c> or <c>false, kind, message</c>.</summary>
    [UnmanagedCallersOnly]
    public static int Await(nint L)
    {
        using var unlimited = Worker(L).Memory.Suspend();
        var top = LuaApi.lua_gettop(L);
        try
        {
            return Worker(L).Futures.Await(L, LuaApi.lua_tointegerx(L, 1, null));
        }
        catch (Exception e)
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushFailure(L, LuaErrors.AsWippy(e));
        }
    }

    /// <summary><c>native_future(id, op)</c>: op 1 is_complete, 2 is_canceled, 3 cancel; returns a boolean (false for an unknown future).</summary>
    [UnmanagedCallersOnly]
    public static int Future(nint L)
    {
        using var unlimited = Worker(L).Memory.Suspend();
        try
        {
            var futures = Worker(L).Futures;
            var id = LuaApi.lua_tointegerx(L, 1, null);
            var answer = LuaApi.lua_tointegerx(L, 2, null) switch
            {
                1 => futures.IsComplete(id),
                2 => futures.IsCanceled(id),
                3 => futures.Cancel(id),
                _ => false,
            };
            LuaApi.lua_pushboolean(L, answer ? 1 : 0);
        }
        catch (Exception)
        {
            LuaApi.lua_pushboolean(L, 0);
        }
        return 1;
    }

    // A method of its own: the closure is allocated only for executor calls, not on the plain funcs.call path.
    private static int WithOptions(LuaExecutorOptions options, FunctionHandle target, nint L, int first, int count) =>
        options.Apply(() => target.CallFromLua(L, first, count));

    private static LuaWorker Worker(nint L) => (LuaWorker)GCHandle.FromIntPtr(LuaApi.lua_touserdata(L, LuaStack.UpvalueIndex(1))).Target!;
}
