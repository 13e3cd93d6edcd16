using System.Runtime.InteropServices;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// Resources a guest component defines, in Lua: a full userdata holding a GC handle of the generated C# object
/// (<see cref="ILuaResource"/>), with one metatable per state (<c>wippy.resource</c>): <c>c:get()</c> calls the
/// resource's method <c>get</c> (results, or <c>nil, err</c> as every Wippy call in Lua), <c>c:close()</c> (or a
/// <c>&lt;close&gt;</c> variable going out of scope) disposes it (the guest's destructor runs), <c>tostring(c)</c> names its
/// type. The garbage collector only frees the handle: the C# object's own finalizer then lets its instance go (without
/// the destructor). Nothing here raises a Lua error, and no exception leaves these callbacks.
/// </summary>
internal static unsafe class LuaResources
{
    private static ReadOnlySpan<byte> Metatable => "wippy.resource"u8;

    /// <summary>Pushes <paramref name="value"/> as a resource userdata.</summary>
    public static void Push(nint L, ILuaResource value)
    {
        var block = (nint*)LuaApi.lua_newuserdatauv(L, (nuint)sizeof(nint), 0);
        *block = GCHandle.ToIntPtr(GCHandle.Alloc(value));
        PushMetatable(L);
        LuaApi.lua_setmetatable(L, -2);
    }

    /// <summary>The resource at <paramref name="index"/>, or null when the value there is not a resource userdata.</summary>
    public static ILuaResource? Read(nint L, int index)
    {
        if (LuaApi.lua_type(L, index) != LuaApi.LUA_TUSERDATA || LuaApi.lua_getmetatable(L, index) == 0) return null;
        PushMetatable(L);
        var ours = LuaApi.lua_rawequal(L, -1, -2) != 0;
        LuaStack.Pop(L, 2);
        if (!ours) return null;
        var handle = *(nint*)LuaApi.lua_touserdata(L, index);
        return handle == 0 ? null : GCHandle.FromIntPtr(handle).Target as ILuaResource;
    }

    /// <summary>Pushes the state's resource metatable, made on first use.</summary>
    private static void PushMetatable(nint L)
    {
        if (LuaStack.GetField(L, LuaApi.LUA_REGISTRYINDEX, Metatable) == LuaApi.LUA_TTABLE) return;
        LuaStack.Pop(L);
        LuaApi.lua_createtable(L, 0, 5);
        LuaApi.lua_pushcclosure(L, &Index, 0);
        LuaStack.SetField(L, -2, "__index"u8);
        LuaApi.lua_pushcclosure(L, &Close, 0);
        LuaStack.SetField(L, -2, "__close"u8);
        LuaApi.lua_pushcclosure(L, &Collect, 0);
        LuaStack.SetField(L, -2, "__gc"u8);
        LuaApi.lua_pushcclosure(L, &Describe, 0);
        LuaStack.SetField(L, -2, "__tostring"u8);
        LuaStack.PushBytes(L, Metatable);
        LuaStack.SetField(L, -2, "__name"u8);
        LuaApi.lua_pushvalue(L, -1);
        LuaStack.SetField(L, LuaApi.LUA_REGISTRYINDEX, Metatable);
    }

    /// <summary><c>__index(resource, name)</c>: <c>close</c>, or a function calling the method <c>name</c>.</summary>
    [UnmanagedCallersOnly]
    private static int Index(nint L)
    {
        using var unlimited = LuaMemory.Suspend(L);
        if (LuaApi.lua_type(L, 2) != LuaApi.LUA_TSTRING)
        {
            LuaApi.lua_pushnil(L);
            return 1;
        }
        if (LuaStack.Bytes(L, 2).SequenceEqual("close"u8))
        {
            LuaApi.lua_pushcclosure(L, &Close, 0);
            return 1;
        }
        LuaApi.lua_pushvalue(L, 2);
        LuaApi.lua_pushcclosure(L, &Method, 1);
        return 1;
    }

    /// <summary>A method: <c>resource:name(…)</c>, the name in upvalue 1.</summary>
    [UnmanagedCallersOnly]
    private static int Method(nint L)
    {
        using var unlimited = LuaMemory.Suspend(L);
        var top = LuaApi.lua_gettop(L);
        var name = LuaStack.ToStringOrNull(L, LuaStack.UpvalueIndex(1)) ?? "";
        try
        {
            var self = Read(L, 1) ?? throw new WippyException(ErrorKind.Invalid, null,
                $"self: expected a resource, got {LuaStack.TypeName(L, 1)} (call a method with ':', e.g. c:{name}())");
            var pushed = self.CallFromLua(name, L, 2, top - 1);
            if (pushed >= 0) return pushed;
            return LuaErrors.PushError(L, new WippyException(ErrorKind.Invalid, null, $"a {self.TypeName} has no method '{name}'"));
        }
        catch (Exception e) // nothing may leave a callback Lua called
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushError(L, LuaErrors.AsWippy(e));
        }
    }

    /// <summary><c>resource:close()</c> and <c>__close</c>: disposes it (the guest's destructor runs); true, or <c>nil, err</c>.</summary>
    [UnmanagedCallersOnly]
    private static int Close(nint L)
    {
        using var unlimited = LuaMemory.Suspend(L);
        var top = LuaApi.lua_gettop(L);
        try
        {
            Read(L, 1)?.Dispose();
            LuaApi.lua_pushboolean(L, 1);
            return 1;
        }
        catch (Exception e)
        {
            LuaApi.lua_settop(L, top);
            return LuaErrors.PushError(L, LuaErrors.AsWippy(e));
        }
    }

    /// <summary><c>__gc</c>: frees the GC handle (not the resource: its C# object may live on).</summary>
    [UnmanagedCallersOnly]
    private static int Collect(nint L)
    {
        var block = (nint*)LuaApi.lua_touserdata(L, 1);
        if (block != null && *block != 0)
        {
            GCHandle.FromIntPtr(*block).Free();
            *block = 0;
        }
        return 0;
    }

    /// <summary><c>__tostring</c>: <c>counter (a resource)</c>.</summary>
    [UnmanagedCallersOnly]
    private static int Describe(nint L)
    {
        using var unlimited = LuaMemory.Suspend(L);
        var self = Read(L, 1);
        LuaStack.PushString(L, self is null ? "resource" : $"{self.TypeName} (a resource)");
        return 1;
    }
}
