using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// The targets one Lua state called lately, found by the bytes of the target string without decoding it or hashing
/// it (the hot path of <c>funcs.call</c> in a loop). Small and per state, so no locking; a miss resolves through the
/// runtime.
/// </summary>
internal sealed class LuaTargetCache
{
    private const int Size = 8;
    private readonly byte[]?[] _keys = new byte[Size][];
    private readonly FunctionHandle?[] _targets = new FunctionHandle[Size];
    private int _next;

    /// <summary>The target named by the string at stack slot <paramref name="index"/>.</summary>
    /// <exception cref="WippyException">Invalid for a malformed target, NotFound for an unknown entry.</exception>
    public FunctionHandle Find(WippyRuntime runtime, nint L, int index)
    {
        if (LuaApi.lua_type(L, index) == LuaApi.LUA_TSTRING)
        {
            var bytes = LuaStack.Bytes(L, index);
            for (var i = 0; i < Size; i++)
            {
                if (_keys[i] is { } key && bytes.SequenceEqual(key)) return _targets[i]!;
            }
        }
        var target = runtime.GetFunction(TargetName(L, index));
        var slot = _next;
        _next = (_next + 1) % Size;
        _keys[slot] = LuaStack.Bytes(L, index).ToArray();
        _targets[slot] = target;
        return target;
    }

    /// <summary>The target id at <paramref name="index"/>: a string <c>namespace:name</c> (docs/lua.md#funcs: anything else is Invalid).</summary>
    public static string TargetName(nint L, int index)
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
