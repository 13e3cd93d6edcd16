using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>Turns Lua error values into <see cref="WippyException"/>s and back.</summary>
internal static class LuaErrors
{
    /// <summary>
    /// The error value at <paramref name="index"/> as an exception of <paramref name="entryId"/>: an error object from
    /// <c>funcs</c> (or any table with string <c>_kind</c> and <c>_message</c>) keeps its kind; anything else raised by
    /// Lua code (<c>error("…")</c>, a runtime error) is Internal with Lua's message (which names the chunk and line).
    /// </summary>
    public static WippyException Describe(nint L, int index, string? entryId = null)
    {
        index = LuaStack.Absolute(L, index);
        if (LuaApi.lua_type(L, index) == LuaApi.LUA_TTABLE)
        {
            LuaStack.GetField(L, index, "_kind"u8);
            LuaStack.GetField(L, index, "_message"u8);
            var kind = LuaApi.lua_type(L, -2) == LuaApi.LUA_TSTRING ? LuaStack.ToStringOrNull(L, -2) : null;
            var message = LuaApi.lua_type(L, -1) == LuaApi.LUA_TSTRING ? LuaStack.ToStringOrNull(L, -1) : null;
            LuaStack.Pop(L, 2);
            if (kind is not null && message is not null && Enum.TryParse<ErrorKind>(kind, out var parsed))
            {
                return new WippyException(parsed, null, message);
            }
        }
        var text = LuaApi.lua_type(L, index) switch
        {
            LuaApi.LUA_TSTRING or LuaApi.LUA_TNUMBER => LuaStack.ToStringOrNull(L, index),
            _ => $"(an error value of type {LuaStack.TypeName(L, index)})",
        };
        return new WippyException(ErrorKind.Internal, entryId, "the Lua code raised an error: " + text);
    }

    /// <summary>
    /// The Trap error of Lua code stopped by its state's memory limit (<see cref="LuaMemory"/>), whose error value is
    /// at <paramref name="index"/> (Lua's "not enough memory", or what Lua code raised after catching it).
    /// </summary>
    public static WippyException OutOfMemory(nint L, int index, string entryId, long limit, string? what = null)
    {
        var raised = LuaApi.lua_type(L, index) == LuaApi.LUA_TSTRING ? LuaStack.ToStringOrNull(L, index) : null;
        var detail = raised is null or "not enough memory" ? "" : " (then it raised: " + raised + ")";
        var where = what is null ? "the Lua code" : what;
        return new WippyException(ErrorKind.Trap, entryId,
            $"{where} ran out of memory: the Lua state reached its limit of {limit} bytes (limits.max_memory_bytes){detail}");
    }

    /// <summary>
    /// <paramref name="e"/> as the error Lua code gets: itself when it is a <see cref="WippyException"/>, otherwise an
    /// Internal error (a fault of the host, not of the call) naming <paramref name="entryId"/>.
    /// </summary>
    public static WippyException AsWippy(Exception e, string? entryId = null) => e switch
    {
        WippyException w => w,
        // A resource used after close() (or after a function took it): the script's mistake, said in its first line.
        ObjectDisposedException disposed => new WippyException(ErrorKind.Invalid, entryId, disposed.Message.Split('\n')[0], e),
        _ => new WippyException(ErrorKind.Internal, entryId, $"{e.GetType().Name}: {e.Message}", e),
    };

    /// <summary>Pushes <c>nil, err</c>: an error object (<c>err:kind()</c>, <c>err:message()</c>, <c>tostring(err)</c>) for <paramref name="error"/>.</summary>
    public static int PushError(nint L, WippyException error)
    {
        LuaApi.lua_pushnil(L);
        PushErrorObject(L, error);
        return 2;
    }

    /// <summary>Pushes the error object of <paramref name="error"/> alone (for a value that holds one, such as an exit event's result).</summary>
    public static void PushErrorObject(nint L, WippyException error)
    {
        LuaApi.lua_createtable(L, 0, 2);
        LuaStack.PushString(L, error.Kind.ToString());
        LuaStack.SetField(L, -2, "_kind"u8);
        LuaStack.PushString(L, error.Message);
        LuaStack.SetField(L, -2, "_message"u8);
        LuaStack.GetField(L, LuaApi.LUA_REGISTRYINDEX, LuaData.ErrorMetatable);
        LuaApi.lua_setmetatable(L, -2);
    }

    /// <summary>Pushes false, the kind's name and the message: what the native side of <c>funcs</c> returns on failure.</summary>
    public static int PushFailure(nint L, WippyException error)
    {
        LuaApi.lua_pushboolean(L, 0);
        LuaStack.PushString(L, error.Kind.ToString());
        LuaStack.PushString(L, error.Message);
        return 3;
    }
}
