using Wippy.Host.GeneratedCode;
using Wippy.Host.Lua.Native;
using Wippy.Security;

namespace Wippy.Host.Lua;

/// <summary>
/// What an executor (<c>funcs.new():with_actor(…):with_options({timeout = ms})</c>) sets for its calls: the call
/// context (actor, scope, request-context values; anything not set is inherited from the caller's) and a timeout.
/// Read from the options table the prelude passes as the first argument of the native functions (nil: defaults).
/// </summary>
internal readonly unsafe record struct LuaExecutorOptions(CallContext? Context, int? TimeoutMs)
{
    /// <summary>The options at stack slot <paramref name="index"/> (a table, or nil for a plain <c>funcs.call</c>).</summary>
    public static LuaExecutorOptions Read(nint L, int index)
    {
        if (LuaApi.lua_type(L, index) != LuaApi.LUA_TTABLE) return default;
        var context = CallContext.Current;
        var changed = false;

        if (LuaStack.GetField(L, index, "actor"u8) != LuaApi.LUA_TNIL)
        {
            context = context.WithActor(ReadActor(L, LuaApi.lua_gettop(L)));
            changed = true;
        }
        LuaStack.Pop(L);

        if (LuaStack.GetField(L, index, "scope"u8) != LuaApi.LUA_TNIL)
        {
            context = context.WithScope(ReadStrings(L, LuaApi.lua_gettop(L), "with_scope"));
            changed = true;
        }
        LuaStack.Pop(L);

        if (LuaStack.GetField(L, index, "context"u8) == LuaApi.LUA_TTABLE)
        {
            var table = LuaApi.lua_gettop(L);
            LuaApi.lua_pushnil(L);
            while (LuaApi.lua_next(L, table) != 0)
            {
                if (LuaApi.lua_type(L, -2) != LuaApi.LUA_TSTRING)
                {
                    LuaStack.Pop(L, 3);
                    throw new WippyException(ErrorKind.Invalid, null, "with_context: keys must be strings");
                }
                context = context.WithValue(LuaStack.ToStringOrNull(L, -2)!, Scalar(L, -1));
                LuaStack.Pop(L);
            }
            changed = true;
        }
        LuaStack.Pop(L);

        int? timeout = null;
        if (LuaStack.GetField(L, index, "timeout"u8) != LuaApi.LUA_TNIL)
        {
            var ms = LuaValues.ReadS64(L, LuaApi.lua_gettop(L), "with_options.timeout");
            if (ms <= 0 || ms > int.MaxValue) throw LuaValues.Invalid("with_options.timeout", $"expected milliseconds > 0, got {ms}");
            timeout = (int)ms;
        }
        LuaStack.Pop(L);
        return new LuaExecutorOptions(changed ? context : null, timeout);
    }

    /// <summary>An actor: a string id, or a table <c>{id = "…", meta = {key = "value"}}</c>.</summary>
    private static Actor ReadActor(nint L, int index)
    {
        if (LuaApi.lua_type(L, index) == LuaApi.LUA_TSTRING) return new Actor(LuaStack.ToStringOrNull(L, index)!);
        if (LuaApi.lua_type(L, index) != LuaApi.LUA_TTABLE)
        {
            throw LuaValues.Invalid("with_actor", $"expected an id or a table {{id = ..., meta = {{...}}}}, got {LuaStack.TypeName(L, index)}");
        }
        LuaStack.GetField(L, index, "id"u8);
        var id = LuaApi.lua_type(L, -1) == LuaApi.LUA_TSTRING ? LuaStack.ToStringOrNull(L, -1) : null;
        LuaStack.Pop(L);
        if (string.IsNullOrEmpty(id)) throw LuaValues.Invalid("with_actor.id", "expected a non-empty string");
        Dictionary<string, string>? meta = null;
        if (LuaStack.GetField(L, index, "meta"u8) == LuaApi.LUA_TTABLE)
        {
            meta = new Dictionary<string, string>(StringComparer.Ordinal);
            var table = LuaApi.lua_gettop(L);
            LuaApi.lua_pushnil(L);
            while (LuaApi.lua_next(L, table) != 0)
            {
                LuaApi.lua_pushvalue(L, -2);
                var key = LuaStack.ToStringOrNull(L, -1);
                var value = LuaStack.ToStringOrNull(L, -2);
                LuaStack.Pop(L, 2);
                if (key is not null && value is not null) meta[key] = value;
            }
        }
        LuaStack.Pop(L);
        return new Actor(id, meta);
    }

    private static string[] ReadStrings(nint L, int index, string what)
    {
        if (LuaApi.lua_type(L, index) == LuaApi.LUA_TSTRING) return [LuaStack.ToStringOrNull(L, index)!];
        LuaValues.ExpectTable(L, index, what);
        var n = LuaValues.Length(L, index);
        var result = new string[n];
        for (var i = 0; i < n; i++)
        {
            var slot = LuaValues.PushItem(L, index, i + 1);
            try
            {
                result[i] = LuaValues.ReadString(L, slot, what + "[" + (i + 1) + "]");
            }
            finally
            {
                LuaStack.Pop(L);
            }
        }
        return result;
    }

    private static object? Scalar(nint L, int index) => LuaApi.lua_type(L, index) switch
    {
        LuaApi.LUA_TBOOLEAN => LuaApi.lua_toboolean(L, index) != 0,
        LuaApi.LUA_TNUMBER when LuaApi.lua_isinteger(L, index) != 0 => LuaApi.lua_tointegerx(L, index, null),
        LuaApi.LUA_TNUMBER => LuaApi.lua_tonumberx(L, index, null),
        LuaApi.LUA_TSTRING => LuaStack.ToStringOrNull(L, index),
        _ => throw LuaValues.Invalid("with_context", $"values must be strings, numbers or booleans, got {LuaStack.TypeName(L, index)}"),
    };

    /// <summary>
    /// Runs <paramref name="call"/> with these options in effect on this thread. A timeout shortens the caller's time,
    /// never lengthens it: its token is linked to the calling call's (<see cref="Execution.CallCancellation.Ambient"/>).
    /// </summary>
    public T Apply<T>(Func<T> call)
    {
        using var scope = Enter(Execution.CallCancellation.Ambient);
        using (Execution.CallCancellation.Enter(scope.Token))
        {
            return call();
        }
    }

    /// <summary>
    /// These options in effect until the result is disposed: the context entered (it flows with awaits), and
    /// <see cref="Scope.Token"/>, which is <paramref name="caller"/> or, with a timeout, a token linked to it that is
    /// also cancelled when the timeout passes (from the deadline thread).
    /// </summary>
    public Scope Enter(CancellationToken caller)
    {
        var context = Context is { } c ? CallContext.Enter(c) : null;
        if (TimeoutMs is not { } ms) return new Scope(context, null, null, caller);
        var timeout = caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(caller) : new CancellationTokenSource();
        return new Scope(context, timeout, LuaDeadline.Start(timeout, TimeSpan.FromMilliseconds(ms)), timeout.Token);
    }

    /// <summary>What <see cref="Enter"/> set up; disposing it undoes it (the deadline first: it never cancels a disposed source).</summary>
    internal sealed class Scope(IDisposable? context, CancellationTokenSource? timeout, LuaDeadline? deadline, CancellationToken token) : IDisposable
    {
        /// <summary>The token the call runs under.</summary>
        public CancellationToken Token { get; } = token;

        public void Dispose()
        {
            deadline?.Dispose();
            timeout?.Dispose();
            context?.Dispose();
        }
    }
}
