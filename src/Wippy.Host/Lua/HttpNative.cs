using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// The native side of the <c>http</c> module (the prelude wraps it in request and response objects): one function,
/// <c>native_http(op, …)</c>, over the current <see cref="LuaHttpExchange"/>. Every op returns its value, or
/// <c>nil, message</c>; setters return nothing, or the message. Nothing raises, and no exception leaves it.
/// </summary>
internal static unsafe class HttpNative
{
    private const string NoRequest = "http request context not found: this function was not called by an http.endpoint";

    [UnmanagedCallersOnly]
    public static int Call(nint L)
    {
        using var unlimited = Worker(L).Memory.Suspend();
        var top = LuaApi.lua_gettop(L);
        try
        {
            var exchange = LuaHttpExchange.Current;
            var op = LuaStack.ToStringOrNull(L, 1);
            if (exchange is null) return Fail(L, NoRequest);
            switch (op)
            {
                case "request":
                    PushRequest(L, exchange);
                    return 1;
                case "response":
                    LuaApi.lua_pushboolean(L, 1);
                    return 1;
                case "status":
                    int isNumber;
                    var status = LuaApi.lua_tointegerx(L, 2, &isNumber);
                    if (isNumber == 0 || status is < 100 or > 999) return Message(L, "a status is a number from 100 to 999");
                    exchange.Status = (int)status;
                    return 0;
                case "header":
                    var name = LuaStack.ToStringOrNull(L, 2);
                    var value = LuaStack.ToStringOrNull(L, 3);
                    if (name is null || value is null) return Message(L, "set_header takes a name and a value (strings)");
                    return exchange.SetHeader(name, value) is { } refused ? Message(L, refused) : 0;
                case "write":
                    if (LuaApi.lua_type(L, 2) is not (LuaApi.LUA_TSTRING or LuaApi.LUA_TNUMBER)) return Message(L, "write takes a string");
                    exchange.ResponseBody.Write(LuaStack.Bytes(L, 2));
                    return 0;
                case "write_json":
                    var encoded = new System.Buffers.ArrayBufferWriter<byte>();
                    using (var json = new Utf8JsonWriter(encoded))
                    {
                        LuaData.WriteJson(L, 2, json, "the value"); // may refuse the value: then nothing is written
                    }
                    exchange.ResponseBody.Write(encoded.WrittenSpan);
                    if (!exchange.ResponseHeaders.Any(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
                    {
                        exchange.SetHeader("Content-Type", "application/json");
                    }
                    return 0;
                case "body_json":
                    using (var document = JsonDocument.Parse(exchange.Body))
                    {
                        LuaData.PushJson(L, document.RootElement);
                    }
                    return 1;
                default:
                    return Fail(L, $"no http operation '{op}'");
            }
        }
        catch (Exception e) // nothing may leave a callback Lua called
        {
            LuaApi.lua_settop(L, top);
            return e is JsonException ? Fail(L, "the request body is not JSON: " + e.Message) : Message(L, e.Message);
        }
    }

    /// <summary>The request as a table: method, path, params, query, headers (lower-case names), body.</summary>
    private static void PushRequest(nint L, LuaHttpExchange exchange)
    {
        LuaApi.lua_createtable(L, 0, 6);
        LuaStack.PushString(L, exchange.Method);
        LuaStack.SetField(L, -2, "method"u8);
        LuaStack.PushString(L, exchange.Path);
        LuaStack.SetField(L, -2, "path"u8);
        PushTable(L, exchange.Params);
        LuaStack.SetField(L, -2, "params"u8);
        PushTable(L, exchange.Query);
        LuaStack.SetField(L, -2, "query"u8);
        PushTable(L, exchange.Headers);
        LuaStack.SetField(L, -2, "headers"u8);
        LuaStack.PushBytes(L, exchange.Body);
        LuaStack.SetField(L, -2, "body"u8);
    }

    private static void PushTable(nint L, IReadOnlyDictionary<string, string> values)
    {
        LuaApi.lua_createtable(L, 0, values.Count);
        foreach (var (key, value) in values)
        {
            LuaStack.PushString(L, value);
            LuaStack.SetField(L, -2, key);
        }
    }

    /// <summary><c>nil, message</c>.</summary>
    private static int Fail(nint L, string message)
    {
        LuaApi.lua_pushnil(L);
        LuaStack.PushString(L, message);
        return 2;
    }

    /// <summary>A setter's refusal: the message alone.</summary>
    private static int Message(nint L, string message)
    {
        LuaStack.PushString(L, message);
        return 1;
    }

    private static LuaWorker Worker(nint L) => (LuaWorker)GCHandle.FromIntPtr(LuaApi.lua_touserdata(L, LuaStack.UpvalueIndex(1))).Target!;
}
