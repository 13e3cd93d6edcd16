using System.Text;

namespace Wippy.Host.Lua.Native;

/// <summary>The C API's macros (<c>lua_pop</c>, <c>lua_upvalueindex</c>…) and UTF-8 string helpers over <see cref="LuaApi"/>.</summary>
internal static unsafe class LuaStack
{
    public static void Pop(nint L, int n = 1) => LuaApi.lua_settop(L, -n - 1);

    public static int UpvalueIndex(int i) => LuaApi.LUA_REGISTRYINDEX - i;

    /// <summary>The absolute position of <paramref name="index"/> (negative indexes count from the top).</summary>
    public static int Absolute(nint L, int index) =>
        index > 0 || index <= LuaApi.LUA_REGISTRYINDEX ? index : LuaApi.lua_gettop(L) + index + 1;

    /// <summary>Moves the top value to <paramref name="index"/>, shifting the values above it up.</summary>
    public static void Insert(nint L, int index) => LuaApi.lua_rotate(L, index, 1);

    public static void PushString(nint L, string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max <= 512)
        {
            var buffer = stackalloc byte[max];
            var length = Encoding.UTF8.GetBytes(value, new Span<byte>(buffer, max));
            LuaApi.lua_pushlstring(L, buffer, (nuint)length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        fixed (byte* p = bytes) LuaApi.lua_pushlstring(L, p, (nuint)bytes.Length);
    }

    public static void PushBytes(nint L, ReadOnlySpan<byte> value)
    {
        fixed (byte* p = value) LuaApi.lua_pushlstring(L, p, (nuint)value.Length);
    }

    /// <summary>The string at <paramref name="index"/> (a number is converted, as Lua does), or null for other types.</summary>
    public static string? ToStringOrNull(nint L, int index)
    {
        nuint length;
        var p = LuaApi.lua_tolstring(L, index, &length);
        return p == null ? null : Encoding.UTF8.GetString(p, checked((int)length));
    }

    /// <summary>The raw bytes of the string at <paramref name="index"/> (valid while the string is on the stack).</summary>
    public static ReadOnlySpan<byte> Bytes(nint L, int index)
    {
        nuint length;
        var p = LuaApi.lua_tolstring(L, index, &length);
        return p == null ? default : new ReadOnlySpan<byte>(p, checked((int)length));
    }

    /// <summary><c>lua_getfield</c> with a NUL-terminated UTF-8 key (a u8 literal: the compiler ends its data with a NUL).</summary>
    public static int GetField(nint L, int index, ReadOnlySpan<byte> key)
    {
        fixed (byte* k = key) return LuaApi.lua_getfield(L, index, k);
    }

    /// <summary><c>lua_setfield</c> with a NUL-terminated UTF-8 key.</summary>
    public static void SetField(nint L, int index, ReadOnlySpan<byte> key)
    {
        fixed (byte* k = key) LuaApi.lua_setfield(L, index, k);
    }

    /// <summary>Sets field <paramref name="key"/> (any string) of the table at <paramref name="index"/> to the top value.</summary>
    public static void SetField(nint L, int index, string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key + "\0");
        fixed (byte* k = bytes) LuaApi.lua_setfield(L, index, k);
    }

    public static void SetGlobal(nint L, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* n = bytes) LuaApi.lua_setglobal(L, n);
    }

    public static int GetGlobal(nint L, string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name + "\0");
        fixed (byte* n = bytes) return LuaApi.lua_getglobal(L, n);
    }

    /// <summary>The name Lua gives the type at <paramref name="index"/> (<c>number</c>, <c>table</c>…).</summary>
    public static string TypeName(nint L, int index) => LuaApi.lua_type(L, index) switch
    {
        LuaApi.LUA_TNONE => "nothing",
        LuaApi.LUA_TNIL => "nil",
        LuaApi.LUA_TBOOLEAN => "boolean",
        LuaApi.LUA_TLIGHTUSERDATA or LuaApi.LUA_TUSERDATA => "userdata",
        LuaApi.LUA_TNUMBER => LuaApi.lua_isinteger(L, index) != 0 ? "integer" : "number",
        LuaApi.LUA_TSTRING => "string",
        LuaApi.LUA_TTABLE => "table",
        LuaApi.LUA_TFUNCTION => "function",
        LuaApi.LUA_TTHREAD => "thread",
        _ => "unknown",
    };
}
