namespace Wippy.Host.Lua;

/// <summary>
/// The Lua code every state runs before the entry's source: the sandbox (what of the standard library stays), the
/// error object, the <c>funcs</c> and <c>http</c> modules around the native primitives, and a <c>require</c> that only
/// hands out the modules the entry lists. Raising is done here, in Lua, never from C# (a C# callback must not longjmp).
/// </summary>
internal static class LuaPrelude
{
    /// <summary>Chunk arguments: native_call, native_call_with, native_async, native_await, native_future, native_http, native_process, the set of allowed modules, the entry id.</summary>
    public const string Source = """
        local native_call, native_call_with, native_async, native_await, native_future, native_http, native_process, allowed, entry = ...

        -- Sandbox: no files, no processes, no bytecode, no debug library.
        dofile, loadfile = nil, nil
        local raw_load = load
        load = function(chunk, name, mode, env) return raw_load(chunk, name, "t", env) end
        -- No __gc finalizers: Lua runs them with its debug hooks off, so the interrupt that enforces a call's time
        -- limit could not stop one that loops (during the call, or when the state is closed). A metatable that gets
        -- the field after setmetatable never makes a finalizer (Lua marks objects only at setmetatable).
        local raw_setmetatable, raw_rawget, raw_type, raw_error = setmetatable, rawget, type, error
        setmetatable = function(t, mt)
          if raw_type(mt) == "table" and raw_rawget(mt, "__gc") ~= nil then
            raw_error("__gc finalizers are not allowed in the sandbox (a finalizer cannot be stopped by the call's time limit)", 2)
          end
          return raw_setmetatable(t, mt)
        end
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

        -- Futures (funcs.async / executor:async): result() waits and returns value(s) or nil, err.
        local Future = {}
        Future.__index = Future
        Future.__name = "wippy.future"
        local function new_future(ok, id_or_kind, message)
          if ok then return setmetatable({ _id = id_or_kind }, Future) end
          -- the call could not start (bad target…): a future that has already failed
          return setmetatable({ _failed = setmetatable({ _kind = id_or_kind, _message = message }, Error) }, Future)
        end
        function Future:result()
          if self._failed then return nil, self._failed end
          return finish(native_await(self._id))
        end
        function Future:error()
          local results = table.pack(self:result())
          if results[1] == nil and getmetatable(results[2]) == Error then return results[2] end
          return nil
        end
        function Future:is_complete() return self._failed ~= nil or native_future(self._id, 1) end
        function Future:is_canceled() return self._failed == nil and native_future(self._id, 2) end
        function Future:cancel() return self._failed == nil and native_future(self._id, 3) end
        function Future:response()
          local future = self
          return { receive = function() return future:result() end }
        end
        Future.channel = Future.response

        -- Executors: funcs.new(), each with_* returning a new executor.
        local Executor = {}
        Executor.__index = Executor
        Executor.__name = "wippy.executor"
        local function with(self, key, value)
          local copy = {}
          for k, v in pairs(self._options) do copy[k] = v end
          copy[key] = value
          return setmetatable({ _options = copy }, Executor)
        end
        function Executor:with_context(values)
          local merged = {}
          for k, v in pairs(self._options.context or {}) do merged[k] = v end
          for k, v in pairs(values or {}) do merged[k] = v end
          return with(self, "context", merged)
        end
        function Executor:with_actor(actor) return with(self, "actor", actor) end
        function Executor:with_scope(scope) return with(self, "scope", scope) end
        function Executor:with_options(options) return with(self, "timeout", (options or {}).timeout) end
        function Executor:call(target, ...) return native_call_with(self._options, target, ...) end
        function Executor:async(target, ...) return new_future(native_async(self._options, target, ...)) end

        local funcs = {}
        funcs.call = native_call -- results, or nil, err (built natively: this is the hot path)
        function funcs.async(target, ...)
          return new_future(native_async(nil, target, ...))
        end
        function funcs.new()
          return setmetatable({ _options = {} }, Executor)
        end

        -- http: the request an http.endpoint handler serves and the response it writes (docs/http.md). Outside a request,
        -- http.request() and http.response() return nil, err.
        local http = {
          STATUS = { OK = 200, CREATED = 201, ACCEPTED = 202, NO_CONTENT = 204, MOVED_PERMANENTLY = 301, FOUND = 302,
                     NOT_MODIFIED = 304, BAD_REQUEST = 400, UNAUTHORIZED = 401, FORBIDDEN = 403, NOT_FOUND = 404,
                     METHOD_NOT_ALLOWED = 405, CONFLICT = 409, UNPROCESSABLE_ENTITY = 422, TOO_MANY_REQUESTS = 429,
                     INTERNAL_ERROR = 500, NOT_IMPLEMENTED = 501, BAD_GATEWAY = 502, SERVICE_UNAVAILABLE = 503,
                     GATEWAY_TIMEOUT = 504 },
          CONTENT = { JSON = "application/json", TEXT = "text/plain", HTML = "text/html", XML = "application/xml",
                      FORM = "application/x-www-form-urlencoded", MULTIPART = "multipart/form-data",
                      STREAM = "application/octet-stream" },
          METHOD = { GET = "GET", POST = "POST", PUT = "PUT", PATCH = "PATCH", DELETE = "DELETE", HEAD = "HEAD",
                     OPTIONS = "OPTIONS" },
        }
        local Request = {}
        Request.__index = Request
        Request.__name = "wippy.http.request"
        function Request:method() return self._r.method end
        function Request:path() return self._r.path end
        function Request:param(name) return self._r.params[name] end
        function Request:query(name) return self._r.query[name] end
        function Request:header(name) return self._r.headers[string.lower(name)] end
        function Request:headers()
          local copy = {}
          for k, v in pairs(self._r.headers) do copy[k] = v end
          return copy
        end
        function Request:content_type() return self._r.headers["content-type"] end
        function Request:is_content_type(expected)
          local actual = self._r.headers["content-type"]
          return actual ~= nil and string.find(string.lower(actual), string.lower(expected), 1, true) == 1
        end
        function Request:body() return self._r.body end
        function Request:body_json() return native_http("body_json") end
        local Response = {}
        Response.__index = Response
        Response.__name = "wippy.http.response"
        function Response:set_status(code) return native_http("status", code) end
        function Response:set_header(name, value) return native_http("header", name, value) end
        function Response:set_content_type(value) return native_http("header", "Content-Type", value) end
        function Response:write(text) return native_http("write", text) end
        function Response:write_json(value) return native_http("write_json", value) end
        function Response:flush() return nil end -- the response is sent when the handler returns
        function http.request()
          local r, err = native_http("request")
          if r == nil then return nil, err end
          return setmetatable({ _r = r }, Request)
        end
        function http.response()
          local ok, err = native_http("response")
          if ok == nil then return nil, err end
          return setmetatable({}, Response)
        end

        -- channel, time, process (docs/processes.md, "The Lua process module"): the names of the runtime we re-create.
        -- A channel is an id the native side knows for this call; receiving blocks the call within its limits.
        local Channel = {}
        Channel.__index = Channel
        Channel.__name = "wippy.channel"
        local function new_channel(id) return setmetatable({ _id = id }, Channel) end
        function Channel:receive()
          local index, value = native_process("receive", self._id)
          if index == nil then return nil, value end
          return value, true
        end
        function Channel:case_receive() return { _receive = self } end
        local channel = {}
        function channel.select(cases)
          local ids = {}
          for i, c in ipairs(cases) do
            if type(c) ~= "table" or type(c._receive) ~= "table" or c._receive._id == nil then
              error("channel.select: case " .. i .. " is not ch:case_receive()", 2)
            end
            ids[i] = c._receive._id
          end
          local index, value = native_process("receive", table.unpack(ids))
          if index == nil then return nil, value end
          return { channel = cases[index]._receive, value = value, ok = true }
        end
        local time = {}
        function time.after(duration)
          local id, err = native_process("after", duration)
          if id == nil then return nil, err end
          return new_channel(id)
        end

        local Payload = {}
        Payload.__index = Payload
        Payload.__name = "wippy.process.payload"
        function Payload:data() return self._p.data end
        function Payload:format() return self._p.format end
        local Message = {}
        Message.__index = Message
        Message.__name = "wippy.process.message"
        function Message:topic() return self._m.topic end
        function Message:from() return self._m.from end
        function Message:payload()
          local payloads = self._m.payloads
          if #payloads == 1 then return setmetatable({ _p = payloads[1] }, Payload) end
          local all = {}
          for i, p in ipairs(payloads) do all[i] = setmetatable({ _p = p }, Payload) end
          return all
        end
        local Inbox = setmetatable({}, { __index = Channel })
        Inbox.__index = Inbox
        function Inbox:receive()
          local index, value = native_process("receive", self._id)
          if index == nil then return nil, value end
          return setmetatable({ _m = value }, Message), true
        end
        local inbox_channel = setmetatable({ _id = 1 }, Inbox)
        local events_channel = new_channel(2)

        local process = { event = { EXIT = "pid.exit", LINK_DOWN = "pid.link.down", CANCEL = "pid.cancel" } }
        function process.pid() return native_process("pid") end
        function process.id() return entry end
        function process.send(dest, topic, ...) return native_process("send", dest, topic, ...) end
        function process.spawn(id, host, ...) return native_process("spawn", 0, id, host, ...) end
        function process.spawn_monitored(id, host, ...) return native_process("spawn", 1, id, host, ...) end
        function process.spawn_linked(id, host, ...) return native_process("spawn", 2, id, host, ...) end
        function process.spawn_linked_monitored(id, host, ...) return native_process("spawn", 3, id, host, ...) end
        function process.cancel(dest, deadline) return native_process("cancel", dest, deadline) end
        function process.terminate(dest) return native_process("terminate", dest) end
        function process.monitor(dest) return native_process("monitor", dest) end
        function process.unmonitor(dest) return native_process("unmonitor", dest) end
        function process.link(dest) return native_process("link", dest) end
        function process.unlink(dest) return native_process("unlink", dest) end
        function process.inbox() return inbox_channel end
        function process.events() return events_channel end
        -- select over the inbox gives raw message tables: wrap them as Message too
        local raw_select = channel.select
        function channel.select(cases)
          local r, err = raw_select(cases)
          if r == nil then return nil, err end
          if r.channel == inbox_channel then r.value = setmetatable({ _m = r.value }, Message) end
          return r
        end

        local loaded = { funcs = funcs, http = http, process = process, channel = channel, time = time }
        if allowed.process then _G.process = process; _G.channel = channel end
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
