using System.Runtime.InteropServices;

using Wippy.Host.Native;

namespace Wippy.Host.Lua.Native;

/// <summary>
/// P/Invoke declarations for the Lua 5.4 C API (<c>lua.h</c>, <c>lauxlib.h</c>, <c>lualib.h</c>), against the
/// <c>liblua54</c> the KeraLua package ships. Blittable signatures only (pointers, integers), so calls need no
/// marshalling and nothing needs reflection; names follow the C functions. Macros of the C API (<c>lua_pop</c>,
/// <c>lua_upvalueindex</c>…) are in <see cref="Lua"/>.
/// </summary>
/// <remarks>
/// Never call <c>lua_error</c> (or anything that raises) from a C# callback: Lua raises with longjmp, which would
/// jump over managed frames. Callbacks return status values and a Lua wrapper raises when it must. (A state's memory
/// limit is enforced only while Lua code runs under the runtime's <c>lua_pcall</c>, never in API calls C# makes: see
/// <see cref="Wippy.Host.Lua.LuaMemory"/>. Lua can still raise a memory error from an API call that allocates when the process
/// is out of memory; that is not handled.)
/// </remarks>
internal static unsafe partial class LuaApi
{
    public const string Library = "lua54";

    // Before the first native call: a single-file app carries liblua54 inside itself (EmbeddedNativeLibraries).
    static LuaApi() => EmbeddedNativeLibraries.EnsureResolver();

    public const int LUA_OK = 0;
    public const int LUA_ERRMEM = 4;
    public const int LUA_MULTRET = -1;
    public const int LUA_REGISTRYINDEX = -1000000 - 1000;

    public const int LUA_TNONE = -1;
    public const int LUA_TNIL = 0;
    public const int LUA_TBOOLEAN = 1;
    public const int LUA_TLIGHTUSERDATA = 2;
    public const int LUA_TNUMBER = 3;
    public const int LUA_TSTRING = 4;
    public const int LUA_TTABLE = 5;
    public const int LUA_TFUNCTION = 6;
    public const int LUA_TUSERDATA = 7;
    public const int LUA_TTHREAD = 8;

    [LibraryImport(Library)] public static partial nint luaL_newstate();

    /// <summary>A state whose every allocation goes through <paramref name="allocator"/> (a <c>lua_Alloc</c>) with <paramref name="ud"/>; no panic or warning function is set.</summary>
    [LibraryImport(Library)] public static partial nint lua_newstate(delegate* unmanaged<nint, nint, nuint, nuint, nint> allocator, nint ud);
    [LibraryImport(Library)] public static partial void lua_close(nint L);
    [LibraryImport(Library)] public static partial void luaL_requiref(nint L, byte* name, delegate* unmanaged<nint, int> open, int global);
    [LibraryImport(Library)] public static partial int luaopen_base(nint L);
    [LibraryImport(Library)] public static partial int luaopen_table(nint L);
    [LibraryImport(Library)] public static partial int luaopen_string(nint L);
    [LibraryImport(Library)] public static partial int luaopen_math(nint L);
    [LibraryImport(Library)] public static partial int luaopen_utf8(nint L);
    [LibraryImport(Library)] public static partial int luaopen_coroutine(nint L);
    [LibraryImport(Library)] public static partial int luaopen_os(nint L);

    [LibraryImport(Library)] public static partial int luaL_loadbufferx(nint L, byte* buffer, nuint size, byte* name, byte* mode);
    [LibraryImport(Library)] public static partial int lua_pcallk(nint L, int nargs, int nresults, int msgh, nint ctx, nint k);

    [LibraryImport(Library)] public static partial int lua_gettop(nint L);
    [LibraryImport(Library)] public static partial void lua_settop(nint L, int index);
    [LibraryImport(Library)] public static partial void lua_pushvalue(nint L, int index);
    [LibraryImport(Library)] public static partial void lua_rotate(nint L, int index, int n);
    [LibraryImport(Library)] public static partial int lua_checkstack(nint L, int n);

    [LibraryImport(Library)] public static partial int lua_type(nint L, int index);
    [LibraryImport(Library)] public static partial int lua_isinteger(nint L, int index);
    [LibraryImport(Library)] public static partial long lua_tointegerx(nint L, int index, int* isnum);
    [LibraryImport(Library)] public static partial double lua_tonumberx(nint L, int index, int* isnum);
    [LibraryImport(Library)] public static partial int lua_toboolean(nint L, int index);
    [LibraryImport(Library)] public static partial byte* lua_tolstring(nint L, int index, nuint* length);
    [LibraryImport(Library)] public static partial nint lua_touserdata(nint L, int index);
    [LibraryImport(Library)] public static partial ulong lua_rawlen(nint L, int index);

    [LibraryImport(Library)] public static partial void lua_pushnil(nint L);
    [LibraryImport(Library)] public static partial void lua_pushinteger(nint L, long n);
    [LibraryImport(Library)] public static partial void lua_pushnumber(nint L, double n);
    [LibraryImport(Library)] public static partial void lua_pushboolean(nint L, int b);
    [LibraryImport(Library)] public static partial byte* lua_pushlstring(nint L, byte* s, nuint length);
    [LibraryImport(Library)] public static partial void lua_pushcclosure(nint L, delegate* unmanaged<nint, int> function, int upvalues);
    /// <summary>Whether the values at the two indexes are primitively equal (no metamethods).</summary>
    [LibraryImport(Library)] public static partial int lua_rawequal(nint L, int index1, int index2);
    /// <summary>A new full userdata of <paramref name="size"/> bytes with <paramref name="userValues"/> user values, pushed; returns its block.</summary>
    [LibraryImport(Library)] public static partial nint lua_newuserdatauv(nint L, nuint size, int userValues);
    /// <summary>The state's allocator, and its <c>ud</c> in <paramref name="userData"/>.</summary>
    [LibraryImport(Library)] public static partial nint lua_getallocf(nint L, nint* userData);
    [LibraryImport(Library)] public static partial void lua_pushlightuserdata(nint L, nint pointer);

    [LibraryImport(Library)] public static partial void lua_createtable(nint L, int arrayCount, int recordCount);
    [LibraryImport(Library)] public static partial int lua_getfield(nint L, int index, byte* key);
    [LibraryImport(Library)] public static partial void lua_setfield(nint L, int index, byte* key);
    [LibraryImport(Library)] public static partial int lua_rawget(nint L, int index);
    [LibraryImport(Library)] public static partial void lua_rawset(nint L, int index);
    [LibraryImport(Library)] public static partial int lua_rawgeti(nint L, int index, long n);
    [LibraryImport(Library)] public static partial void lua_rawseti(nint L, int index, long n);
    [LibraryImport(Library)] public static partial int lua_getglobal(nint L, byte* name);
    [LibraryImport(Library)] public static partial void lua_setglobal(nint L, byte* name);
    [LibraryImport(Library)] public static partial int lua_next(nint L, int index);
    [LibraryImport(Library)] public static partial int lua_getmetatable(nint L, int index);
    [LibraryImport(Library)] public static partial int lua_setmetatable(nint L, int index);

    public const int LUA_MASKCOUNT = 1 << 3;

    /// <summary>Sets (or with a null hook clears) the state's debug hook. Lua allows calling it from another thread while the state runs.</summary>
    [LibraryImport(Library)] public static partial void lua_sethook(nint L, nint hook, int mask, int count);

    [LibraryImport(Library)] public static partial int luaL_ref(nint L, int table);
    [LibraryImport(Library)] public static partial void luaL_unref(nint L, int table, int reference);
}
