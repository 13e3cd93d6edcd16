using System.Text;
using Wippy.Host.Lua.Native;

using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

/// <summary>
/// What generated Lua binders use to read WIT values from a Lua stack and push them back (docs/values.md): integers
/// range-checked, strings as UTF-8, <c>list&lt;u8&gt;</c> as Lua strings, records as tables keyed by WIT field names
/// (snake_case accepted on input), options as value or nil, enums as case names, flags as arrays of names,
/// variants as <c>{case = payload}</c>. A value that does not fit is an Invalid error naming its path
/// (<c>users[2].tags[1]: expected a string, got integer</c>); Lua paths count from 1. Stack indexes passed in must be
/// absolute (<see cref="Absolute"/>).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static unsafe class LuaValues
{
    /// <summary>An Invalid error about the value at <paramref name="path"/> (the caller adds the entry).</summary>
    public static WippyException Invalid(string path, string message) => new(ErrorKind.Invalid, null, $"{path}: {message}");

    private static WippyException Expected(nint L, int index, string what, string expected) =>
        Invalid(what, $"expected {expected}, got {LuaStack.TypeName(L, index)}");

    /// <summary>Fails unless <paramref name="count"/> arguments were given.</summary>
    public static void ExpectArgumentCount(int count, int expected, string entryId, string parameters)
    {
        if (count != expected)
        {
            throw new WippyException(ErrorKind.Invalid, entryId,
                $"expected {expected} argument(s) ({(parameters.Length == 0 ? "none" : parameters)}), got {count}");
        }
    }

    /// <summary>The absolute stack position of <paramref name="index"/>.</summary>
    public static int Absolute(nint L, int index) => LuaStack.Absolute(L, index);

    /// <summary>Removes <paramref name="n"/> values from the top of the stack.</summary>
    public static void Pop(nint L, int n = 1) => LuaStack.Pop(L, n);

    /// <summary>Makes sure <paramref name="n"/> more values fit on the stack.</summary>
    public static void Reserve(nint L, int n)
    {
        if (LuaApi.lua_checkstack(L, n) == 0) throw new WippyException(ErrorKind.Invalid, null, "the value is nested too deeply for the Lua stack");
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    /// <summary>Whether the slot holds nil or nothing.</summary>
    public static bool IsNil(nint L, int index) => LuaApi.lua_type(L, index) <= LuaApi.LUA_TNIL;

    /// <summary>Reads a WIT bool from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static bool ReadBool(nint L, int index, string what) =>
        LuaApi.lua_type(L, index) == LuaApi.LUA_TBOOLEAN ? LuaApi.lua_toboolean(L, index) != 0 : throw Expected(L, index, what, "a boolean");

    private static long Integer(nint L, int index, string what, long min, long max, string wit)
    {
        if (LuaApi.lua_type(L, index) != LuaApi.LUA_TNUMBER) throw Expected(L, index, what, "an integer");
        int isInteger;
        var value = LuaApi.lua_tointegerx(L, index, &isInteger);
        if (isInteger == 0) throw Invalid(what, $"{LuaApi.lua_tonumberx(L, index, null)} is not an integer");
        if (value < min || value > max) throw Invalid(what, $"{value} does not fit in {wit}");
        return value;
    }

    /// <summary>Reads a WIT s8 from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static sbyte ReadS8(nint L, int index, string what) => (sbyte)Integer(L, index, what, sbyte.MinValue, sbyte.MaxValue, "s8");
    /// <summary>Reads a WIT s16 from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static short ReadS16(nint L, int index, string what) => (short)Integer(L, index, what, short.MinValue, short.MaxValue, "s16");
    /// <summary>Reads a WIT s32 from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static int ReadS32(nint L, int index, string what) => (int)Integer(L, index, what, int.MinValue, int.MaxValue, "s32");
    /// <summary>Reads a WIT s64 from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static long ReadS64(nint L, int index, string what) => Integer(L, index, what, long.MinValue, long.MaxValue, "s64");
    /// <summary>Reads a WIT u8 from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static byte ReadU8(nint L, int index, string what) => (byte)Integer(L, index, what, 0, byte.MaxValue, "u8");
    /// <summary>Reads a WIT u16 from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static ushort ReadU16(nint L, int index, string what) => (ushort)Integer(L, index, what, 0, ushort.MaxValue, "u16");
    /// <summary>Reads a WIT u32 from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static uint ReadU32(nint L, int index, string what) => (uint)Integer(L, index, what, 0, uint.MaxValue, "u32");

    /// <summary>A u64: a non-negative integer, or a float holding an integer up to 2^64-1 (Lua integers stop at 2^63-1).</summary>
    public static ulong ReadU64(nint L, int index, string what)
    {
        if (LuaApi.lua_type(L, index) != LuaApi.LUA_TNUMBER) throw Expected(L, index, what, "an integer");
        int isInteger;
        var value = LuaApi.lua_tointegerx(L, index, &isInteger);
        if (isInteger != 0)
        {
            return value >= 0 ? (ulong)value : throw Invalid(what, $"{value} does not fit in u64");
        }
        var d = LuaApi.lua_tonumberx(L, index, null);
        return d >= 0 && d < 18446744073709551616.0 && Math.Floor(d) == d ? (ulong)d : throw Invalid(what, $"{d} does not fit in u64");
    }

    /// <summary>Reads a WIT f32 from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static float ReadF32(nint L, int index, string what) => (float)ReadF64(L, index, what);

    /// <summary>Reads a WIT f64 from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static double ReadF64(nint L, int index, string what) =>
        LuaApi.lua_type(L, index) == LuaApi.LUA_TNUMBER ? LuaApi.lua_tonumberx(L, index, null) : throw Expected(L, index, what, "a number");

    /// <summary>Reads a WIT char from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static System.Text.Rune ReadChar(nint L, int index, string what)
    {
        var text = ReadString(L, index, what);
        return System.Text.Rune.DecodeFromUtf16(text, out var rune, out var used) == System.Buffers.OperationStatus.Done && used == text.Length
            ? rune
            : throw Invalid(what, $"expected a 1-character string, got '{text}'");
    }

    /// <summary>Reads a WIT string from stack slot <paramref name="index"/>; Invalid naming <paramref name="what"/> when it does not fit.</summary>
    public static string ReadString(nint L, int index, string what)
    {
        if (LuaApi.lua_type(L, index) != LuaApi.LUA_TSTRING) throw Expected(L, index, what, "a string");
        try
        {
            return Strict.GetString(LuaStack.Bytes(L, index));
        }
        catch (DecoderFallbackException)
        {
            throw Invalid(what, "the string is not valid UTF-8");
        }
    }

    /// <summary>A <c>list&lt;u8&gt;</c>: a Lua string (any bytes), or an array of integers 0..255.</summary>
    public static byte[] ReadBytes(nint L, int index, string what)
    {
        var type = LuaApi.lua_type(L, index);
        if (type == LuaApi.LUA_TSTRING) return LuaStack.Bytes(L, index).ToArray();
        if (type != LuaApi.LUA_TTABLE) throw Expected(L, index, what, "a string of bytes");
        var n = Length(L, index);
        var bytes = new byte[n];
        for (var i = 0; i < n; i++)
        {
            LuaApi.lua_rawgeti(L, index, i + 1);
            try
            {
                bytes[i] = ReadU8(L, LuaApi.lua_gettop(L), what + "[" + (i + 1) + "]");
            }
            finally
            {
                LuaStack.Pop(L);
            }
        }
        return bytes;
    }

    /// <summary>Fails unless the value is a table.</summary>
    public static void ExpectTable(nint L, int index, string what)
    {
        if (LuaApi.lua_type(L, index) != LuaApi.LUA_TTABLE) throw Expected(L, index, what, "a table");
    }

    /// <summary>The length of the array part (<c>#t</c> without metamethods).</summary>
    public static int Length(nint L, int index) => checked((int)LuaApi.lua_rawlen(L, index));

    /// <summary>Pushes item <paramref name="i"/> (from 1) of the table at <paramref name="index"/>; returns its position.</summary>
    public static int PushItem(nint L, int index, int i)
    {
        LuaApi.lua_rawgeti(L, index, i);
        return LuaApi.lua_gettop(L);
    }

    /// <summary>
    /// Pushes field <paramref name="name"/> of the table at <paramref name="index"/> (or <paramref name="alternative"/>,
    /// its snake_case spelling, when that is set and the first is nil); returns its position.
    /// </summary>
    public static int PushField(nint L, int index, ReadOnlySpan<byte> name, ReadOnlySpan<byte> alternative)
    {
        if (LuaStack.GetField(L, index, name) == LuaApi.LUA_TNIL && !alternative.IsEmpty)
        {
            LuaStack.Pop(L);
            LuaStack.GetField(L, index, alternative);
        }
        return LuaApi.lua_gettop(L);
    }

    /// <summary>Fails when a required record field is nil.</summary>
    public static void ExpectPresent(nint L, int index, string what)
    {
        if (LuaApi.lua_type(L, index) <= LuaApi.LUA_TNIL) throw Invalid(what, "missing field");
    }

    /// <summary>
    /// Reads a one-key table <c>{name = payload}</c> (variants; results as <c>{ok = v}</c>/<c>{err = e}</c>): returns the
    /// key and leaves the payload pushed (its position in <paramref name="payload"/>).
    /// </summary>
    public static string ReadCase(nint L, int index, string what, out int payload)
    {
        ExpectTable(L, index, what);
        LuaApi.lua_pushnil(L);
        if (LuaApi.lua_next(L, index) == 0) throw Invalid(what, "expected a table with one key (the case), got an empty table");
        // stack: key, value
        if (LuaApi.lua_type(L, -2) != LuaApi.LUA_TSTRING)
        {
            LuaStack.Pop(L, 2);
            throw Invalid(what, "expected a table with one string key (the case)");
        }
        var name = LuaStack.ToStringOrNull(L, -2)!;
        LuaApi.lua_pushvalue(L, -2);
        if (LuaApi.lua_next(L, index) != 0)
        {
            LuaStack.Pop(L, 4);
            throw Invalid(what, "expected a table with exactly one key (the case)");
        }
        // stack: key, value: drop the key below the value
        LuaApi.lua_rotate(L, -2, 1);
        LuaStack.Pop(L);
        payload = LuaApi.lua_gettop(L);
        return name;
    }

    // ---- pushing ---------------------------------------------------------------------------------------------

    /// <summary>Pushes a resource the guest made (a userdata with its methods: <c>c:get()</c>, <c>c:close()</c>).</summary>
    public static void PushResource(nint L, ILuaResource value) => Lua.LuaResources.Push(L, value);

    /// <summary>The resource of type <typeparamref name="T"/> (WIT name <paramref name="typeName"/>) at <paramref name="index"/>.</summary>
    /// <exception cref="WippyException">Invalid: the value there is not such a resource (naming <paramref name="what"/>).</exception>
    public static T ReadResource<T>(nint L, int index, string what, string typeName) where T : class, ILuaResource =>
        Lua.LuaResources.Read(L, index) as T
        ?? throw Invalid(what, $"expected a {typeName} (a resource a function returned), got {LuaStack.TypeName(L, index)}");

    /// <summary>Pushes nil.</summary>
    public static void PushNil(nint L) => LuaApi.lua_pushnil(L);
    /// <summary>Pushes a WIT bool.</summary>
    public static void PushBool(nint L, bool value) => LuaApi.lua_pushboolean(L, value ? 1 : 0);
    /// <summary>Pushes a WIT s8.</summary>
    public static void PushS8(nint L, sbyte value) => LuaApi.lua_pushinteger(L, value);
    /// <summary>Pushes a WIT s16.</summary>
    public static void PushS16(nint L, short value) => LuaApi.lua_pushinteger(L, value);
    /// <summary>Pushes a WIT s32.</summary>
    public static void PushS32(nint L, int value) => LuaApi.lua_pushinteger(L, value);
    /// <summary>Pushes a WIT s64.</summary>
    public static void PushS64(nint L, long value) => LuaApi.lua_pushinteger(L, value);
    /// <summary>Pushes a WIT u8.</summary>
    public static void PushU8(nint L, byte value) => LuaApi.lua_pushinteger(L, value);
    /// <summary>Pushes a WIT u16.</summary>
    public static void PushU16(nint L, ushort value) => LuaApi.lua_pushinteger(L, value);
    /// <summary>Pushes a WIT u32.</summary>
    public static void PushU32(nint L, uint value) => LuaApi.lua_pushinteger(L, value);

    /// <summary>A u64: an integer up to 2^63-1, a float above (Lua integers are signed 64-bit).</summary>
    public static void PushU64(nint L, ulong value)
    {
        if (value <= long.MaxValue) LuaApi.lua_pushinteger(L, (long)value);
        else LuaApi.lua_pushnumber(L, value);
    }

    /// <summary>Pushes a WIT f32.</summary>
    public static void PushF32(nint L, float value) => LuaApi.lua_pushnumber(L, value);
    /// <summary>Pushes a WIT f64.</summary>
    public static void PushF64(nint L, double value) => LuaApi.lua_pushnumber(L, value);
    /// <summary>Pushes a WIT char.</summary>
    public static void PushChar(nint L, System.Text.Rune value) => LuaStack.PushString(L, value.ToString());
    /// <summary>Pushes a WIT string.</summary>
    public static void PushString(nint L, string value) => LuaStack.PushString(L, value);
    /// <summary>Pushes a WIT bytes.</summary>
    public static void PushBytes(nint L, ReadOnlySpan<byte> value) => LuaStack.PushBytes(L, value);

    /// <summary>Pushes a new table sized for <paramref name="items"/> array items and <paramref name="fields"/> fields.</summary>
    public static int PushTable(nint L, int items, int fields)
    {
        Reserve(L, 4);
        LuaApi.lua_createtable(L, items, fields);
        return LuaApi.lua_gettop(L);
    }

    /// <summary>Pops the top value into item <paramref name="i"/> (from 1) of the table at <paramref name="table"/>.</summary>
    public static void SetItem(nint L, int table, int i) => LuaApi.lua_rawseti(L, table, i);

    /// <summary>Pops the top value into field <paramref name="name"/> (a u8 literal) of the table at <paramref name="table"/>.</summary>
    public static void SetField(nint L, int table, ReadOnlySpan<byte> name) => LuaStack.SetField(L, table, name);

    private static readonly UTF8Encoding Strict = new(false, true);
}
