namespace Wippy.Host.Lua;

/// <summary>
/// The Lua code every state runs before the entry's source: the sandbox (what of the standard library stays), the
/// error object, the <c>funcs</c> module around the native primitives, and a <c>require</c> that only hands out the
/// modules the entry lists. Raising is done here, in Lua, never from C# (a C# callback must not longjmp).
/// </summary>
internal static class LuaPrelude
{
    /// <summary>Chunk arguments: native_call, the set of allowed modules, the entry id.</summary>
    public const string Source = """
        local native_call, allowed, entry = ...

        -- Sandbox: no files, no processes, no bytecode, no debug library.
        dofile, loadfile = nil, nil
        local raw_load = load
        load = function(chunk, name, mode, env) return raw_load(chunk, name, "t", env) end
        if os then
          os = { time = os.time, clock = os.clock, date = os.date, difftime = os.difftime }
        end

        -- Errors: err:kind(), err:message(), tostring(err) == "KIND: message".
        local Error = {}
        Error.__index = Error
        Error.__name = "wippy.error"
        function Error:kind() return self._kind end
        function Error:message() return self._message end
        Error.__tostring = function(e) return e._kind .. ": " .. e._message end

        local function finish(ok, ...)
          if ok then return ... end
          local kind, message = ...
          return nil, setmetatable({ _kind = kind, _message = message }, Error)
        end

        local funcs = {}
        function funcs.call(target, ...)
          return finish(native_call(nil, target, ...))
        end

        local loaded = { funcs = funcs }
        require = function(name)
          if type(name) ~= "string" then error("require: expected a module name, got " .. type(name), 2) end
          if not allowed[name] then
            error("module '" .. name .. "' is not in the modules: of " .. entry .. "; add it to the entry's modules: list", 2)
          end
          local module = loaded[name]
          if module == nil then error("module '" .. name .. "' does not exist", 2) end
          return module
        end

        return Error -- kept in the registry as "wippy.error", so error objects keep their methods across states
        """;
}
