using System.Runtime.InteropServices;
using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// The native side of the <c>funcs</c> module: <c>native_call(executor, target, ...)</c> returns <c>true, results…</c>
/// or <c>false, kind, message</c>; the prelude turns the second form into <c>nil, err</c>. Nothing here raises a Lua
/// error, and no exception leaves these callbacks.
/// </summary>
internal static unsafe class FuncsNative
{
    [UnmanagedCallersOnly]
    public static int Call(nint L)
    {
        var top = LuaApi.lua_gettop(L);
        string? target = null;
        try
        {
            var worker = Worker(L);
            var options = LuaExecutorOptions.Read(L, 1);
            target = Target(L, 2);
            var (runtime, name, count) = (worker.Link, target, Math.Max(0, top - 2));
            var pushed = options == default
                ? runtime.CallFromLua(name, L, 3, count)
                : options.Apply(() => runtime.CallFromLua(name, L, 3, count));
            // results are the top `pushed` values: put `true` below them
            LuaApi.lua_pushboolean(L, 1);
            LuaApi.lua_rotate(L, top + 1, 1);
            return pushed + 1;
        }
        catch (WippyException e)
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushFailure(L, target is null ? e : e.WithEntry(target));
        }
        catch (Exception e)
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushFailure(L, new WippyException(ErrorKind.Internal, target, $"{e.GetType().Name}: {e.Message}", e));
        }
    }

    /// <summary><c>native_async(executor, target, ...)</c>: starts the call; returns <c>true, id</c> or <c>false, kind, message</c>.</summary>
    [UnmanagedCallersOnly]
    public static int Async(nint L)
    {
        var top = LuaApi.lua_gettop(L);
        try
        {
            var worker = Worker(L);
            var options = LuaExecutorOptions.Read(L, 1);
            var target = Target(L, 2);
            var id = worker.Futures.Start(worker.Link, options, target, L, 3, Math.Max(0, top - 2));
            LuaApi.lua_pushboolean(L, 1);
            LuaApi.lua_pushinteger(L, id);
            return 2;
        }
        catch (Exception e)
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushFailure(L, e as WippyException ?? new WippyException(ErrorKind.Internal, null, e.Message, e));
        }
    }

    /// <summary><c>native_await(id)</c>: waits; returns <c>true, results…</c> or <c>false, kind, message</c>.</summary>
    [UnmanagedCallersOnly]
    public static int Await(nint L)
    {
        var top = LuaApi.lua_gettop(L);
        try
        {
            return Worker(L).Futures.Await(L, LuaApi.lua_tointegerx(L, 1, null));
        }
        catch (Exception e)
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushFailure(L, e as WippyException ?? new WippyException(ErrorKind.Internal, null, e.Message, e));
        }
    }

    /// <summary><c>native_future(id, op)</c>: op 1 is_complete, 2 is_canceled, 3 cancel; returns a boolean (false for an unknown future).</summary>
    [UnmanagedCallersOnly]
    public static int Future(nint L)
    {
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

    private static LuaWorker Worker(nint L) => (LuaWorker)GCHandle.FromIntPtr(LuaApi.lua_touserdata(L, LuaStack.UpvalueIndex(1))).Target!;

    /// <summary>The target id at <paramref name="index"/>: a string <c>namespace:name</c> (SPEC §11: anything else is Invalid).</summary>
    private static string Target(nint L, int index)
    {
        if (LuaApi.lua_type(L, index) != LuaApi.LUA_TSTRING)
        {
            throw new WippyException(ErrorKind.Invalid, null, $"funcs: the target must be a string 'namespace:name', got {LuaStack.TypeName(L, index)}");
        }
        var target = LuaStack.ToStringOrNull(L, index)!;
        if (target.Length == 0) throw new WippyException(ErrorKind.Invalid, null, "funcs: the target is empty; write 'namespace:name'");
        var colon = target.IndexOf(':');
        if (colon <= 0) throw new WippyException(ErrorKind.Invalid, null, $"funcs: the target '{target}' has no namespace; write 'namespace:{target.TrimStart(':')}'");
        if (colon == target.Length - 1) throw new WippyException(ErrorKind.Invalid, null, $"funcs: the target '{target}' has no name; write '{target}name'");
        return target;
    }
}
