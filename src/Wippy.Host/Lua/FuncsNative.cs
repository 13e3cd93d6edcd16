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
            var worker = (LuaWorker)GCHandle.FromIntPtr(LuaApi.lua_touserdata(L, LuaStack.UpvalueIndex(1))).Target!;
            target = Target(L, 2);
            var pushed = worker.Link.CallFromLua(target, L, 3, Math.Max(0, top - 2));
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
