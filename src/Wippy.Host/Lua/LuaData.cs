using System.Text.Json;
using Wippy.Host.GeneratedCode;
using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// Untyped conversions for <c>function.lua</c> entries (which declare no WIT types): JSON ⇄ Lua (the command line,
/// C#) and Lua ⇄ Lua (a call from one state into another). Data only: nil, booleans, integers, numbers, strings and
/// tables; a function, userdata or thread cannot cross and is an Invalid error naming its path.
/// </summary>
internal static unsafe class LuaData
{
    private const int MaxDepth = 64;

    /// <summary>The registry key of each state's error metatable (set by the prelude; see <see cref="LuaPrelude"/>).</summary>
    public static ReadOnlySpan<byte> ErrorMetatable => "wippy.error"u8;

    /// <summary>Pushes <paramref name="json"/>: objects as tables with string keys, arrays as 1-based arrays, null as nil.</summary>
    public static void PushJson(nint L, JsonElement json, int depth = 0)
    {
        if (depth > MaxDepth) throw new WippyException(ErrorKind.Invalid, null, "the value is nested too deeply");
        LuaValues.Reserve(L, 3);
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                LuaApi.lua_createtable(L, 0, 4);
                foreach (var property in json.EnumerateObject())
                {
                    PushJson(L, property.Value, depth + 1);
                    LuaStack.SetField(L, -2, property.Name);
                }
                break;
            case JsonValueKind.Array:
                LuaApi.lua_createtable(L, json.GetArrayLength(), 0);
                var i = 0;
                foreach (var item in json.EnumerateArray())
                {
                    PushJson(L, item, depth + 1);
                    LuaApi.lua_rawseti(L, -2, ++i);
                }
                break;
            case JsonValueKind.String:
                LuaStack.PushString(L, json.GetString()!);
                break;
            case JsonValueKind.Number:
                if (json.TryGetInt64(out var integer)) LuaApi.lua_pushinteger(L, integer);
                else LuaApi.lua_pushnumber(L, json.GetDouble());
                break;
            case JsonValueKind.True:
                LuaApi.lua_pushboolean(L, 1);
                break;
            case JsonValueKind.False:
                LuaApi.lua_pushboolean(L, 0);
                break;
            default:
                LuaApi.lua_pushnil(L);
                break;
        }
    }

    /// <summary>
    /// Writes the value at <paramref name="index"/> as JSON: a table whose keys are exactly 1..n is an array (an empty
    /// table is <c>[]</c>), any other table an object (keys written as strings).
    /// </summary>
    public static void WriteJson(nint L, int index, Utf8JsonWriter writer, string what, int depth = 0)
    {
        if (depth > MaxDepth) throw LuaValues.Invalid(what, "the value is nested too deeply (or refers to itself)");
        index = LuaStack.Absolute(L, index);
        switch (LuaApi.lua_type(L, index))
        {
            case LuaApi.LUA_TNIL:
            case LuaApi.LUA_TNONE:
                writer.WriteNullValue();
                break;
            case LuaApi.LUA_TBOOLEAN:
                writer.WriteBooleanValue(LuaApi.lua_toboolean(L, index) != 0);
                break;
            case LuaApi.LUA_TNUMBER:
                if (LuaApi.lua_isinteger(L, index) != 0) writer.WriteNumberValue(LuaApi.lua_tointegerx(L, index, null));
                else
                {
                    var d = LuaApi.lua_tonumberx(L, index, null);
                    if (!double.IsFinite(d)) throw LuaValues.Invalid(what, $"{d} has no JSON form");
                    writer.WriteNumberValue(d);
                }
                break;
            case LuaApi.LUA_TSTRING:
                writer.WriteStringValue(LuaStack.ToStringOrNull(L, index));
                break;
            case LuaApi.LUA_TTABLE:
                LuaValues.Reserve(L, 4);
                var length = LuaValues.Length(L, index);
                if (IsArray(L, index, length))
                {
                    writer.WriteStartArray();
                    for (var i = 1; i <= length; i++)
                    {
                        LuaApi.lua_rawgeti(L, index, i);
                        WriteJson(L, -1, writer, what + "[" + i + "]", depth + 1);
                        LuaStack.Pop(L);
                    }
                    writer.WriteEndArray();
                    break;
                }
                // Keys in ordinal order (Lua's own order changes from run to run: string hashes are seeded).
                var keys = new List<(string Text, long? Integer)>();
                LuaApi.lua_pushnil(L);
                while (LuaApi.lua_next(L, index) != 0)
                {
                    LuaStack.Pop(L);
                    if (LuaApi.lua_type(L, -1) == LuaApi.LUA_TNUMBER && LuaApi.lua_isinteger(L, -1) != 0)
                    {
                        var n = LuaApi.lua_tointegerx(L, -1, null);
                        keys.Add((n.ToString(System.Globalization.CultureInfo.InvariantCulture), n));
                    }
                    else if (LuaApi.lua_type(L, -1) == LuaApi.LUA_TSTRING)
                    {
                        keys.Add((LuaStack.ToStringOrNull(L, -1)!, null)); // a string key: converting it does not disturb lua_next
                    }
                    else
                    {
                        var type = LuaStack.TypeName(L, -1);
                        LuaStack.Pop(L);
                        throw LuaValues.Invalid(what, $"a table key of type {type} has no JSON form");
                    }
                }
                keys.Sort((a, b) => string.CompareOrdinal(a.Text, b.Text));
                writer.WriteStartObject();
                foreach (var (text, integer) in keys)
                {
                    if (integer is { } n) LuaApi.lua_rawgeti(L, index, n);
                    else
                    {
                        LuaStack.PushString(L, text);
                        LuaApi.lua_rawget(L, index);
                    }
                    writer.WritePropertyName(text);
                    WriteJson(L, -1, writer, what + "." + text, depth + 1);
                    LuaStack.Pop(L);
                }
                writer.WriteEndObject();
                break;
            default:
                throw LuaValues.Invalid(what, $"a {LuaStack.TypeName(L, index)} cannot leave Lua");
        }
    }

    /// <summary>Whether the table's keys are exactly 1..<paramref name="length"/>.</summary>
    private static bool IsArray(nint L, int index, int length)
    {
        var count = 0;
        LuaApi.lua_pushnil(L);
        while (LuaApi.lua_next(L, index) != 0)
        {
            LuaStack.Pop(L);
            count++;
            if (count > length || LuaApi.lua_type(L, -1) != LuaApi.LUA_TNUMBER || LuaApi.lua_isinteger(L, -1) == 0)
            {
                LuaStack.Pop(L);
                return false;
            }
        }
        return count == length;
    }

    /// <summary>Pushes onto <paramref name="to"/> a copy of the value at <paramref name="index"/> of <paramref name="from"/>.</summary>
    public static void Copy(nint from, int index, nint to, string what, int depth = 0)
    {
        if (depth > MaxDepth) throw LuaValues.Invalid(what, "the value is nested too deeply (or refers to itself)");
        index = LuaStack.Absolute(from, index);
        LuaValues.Reserve(to, 3);
        switch (LuaApi.lua_type(from, index))
        {
            case LuaApi.LUA_TNIL:
            case LuaApi.LUA_TNONE:
                LuaApi.lua_pushnil(to);
                break;
            case LuaApi.LUA_TBOOLEAN:
                LuaApi.lua_pushboolean(to, LuaApi.lua_toboolean(from, index));
                break;
            case LuaApi.LUA_TNUMBER:
                if (LuaApi.lua_isinteger(from, index) != 0) LuaApi.lua_pushinteger(to, LuaApi.lua_tointegerx(from, index, null));
                else LuaApi.lua_pushnumber(to, LuaApi.lua_tonumberx(from, index, null));
                break;
            case LuaApi.LUA_TSTRING:
                LuaStack.PushBytes(to, LuaStack.Bytes(from, index));
                break;
            case LuaApi.LUA_TTABLE:
                LuaValues.Reserve(from, 4);
                LuaApi.lua_createtable(to, LuaValues.Length(from, index), 0);
                LuaApi.lua_pushnil(from);
                while (LuaApi.lua_next(from, index) != 0)
                {
                    Copy(from, -2, to, what, depth + 1);                 // key
                    Copy(from, -1, to, what + "." + KeyText(from), depth + 1); // value
                    LuaApi.lua_rawset(to, -3);
                    LuaStack.Pop(from);
                }
                if (IsErrorObject(from, index))
                {
                    // an error object keeps err:kind(), err:message() and tostring in the other state
                    LuaStack.GetField(to, LuaApi.LUA_REGISTRYINDEX, ErrorMetatable);
                    LuaApi.lua_setmetatable(to, -2);
                }
                break;
            default:
                throw LuaValues.Invalid(what, $"a {LuaStack.TypeName(from, index)} cannot be passed between Lua functions");
        }
    }

    /// <summary>Whether the table at <paramref name="index"/> has the error metatable (<c>__name == "wippy.error"</c>).</summary>
    public static bool IsErrorObject(nint L, int index)
    {
        if (LuaApi.lua_getmetatable(L, index) == 0) return false;
        LuaStack.GetField(L, -1, "__name"u8);
        var isError = LuaApi.lua_type(L, -1) == LuaApi.LUA_TSTRING && LuaStack.Bytes(L, -1).SequenceEqual(ErrorMetatable);
        LuaStack.Pop(L, 2);
        return isError;
    }

    private static string KeyText(nint L)
    {
        LuaApi.lua_pushvalue(L, -2);
        var text = LuaStack.ToStringOrNull(L, -1) ?? "?";
        LuaStack.Pop(L);
        return text;
    }
}
