-- funcs.async futures and funcs.new() executors (LuaTests). Each function returns what it saw.
local funcs = require("funcs")

local function run()
  local out = {}
  -- two calls running at once
  local a = funcs.async("comp:echo_s32", 5)
  local b = funcs.async("comp:echo_string", "x")
  out.a, out.b = a:result(), b:result()
  out.a_again = a:result() -- a result can be read again
  out.a_complete, out.a_canceled, out.a_error = a:is_complete(), a:is_canceled(), a:error() == nil
  out.a_cancel_after = a:cancel() -- nothing to cancel any more
  -- a failing call and a call that cannot start
  local _, err = funcs.async("luatest:nope"):result()
  out.nope = tostring(err)
  local bad = funcs.async("")
  out.bad_complete, out.bad_kind = bad:is_complete(), bad:error():kind()
  -- cancelling a WASM call that would never end
  local spin = funcs.async("limits:spin_forever")
  out.spin_cancel = spin:cancel()
  local _, serr = spin:result()
  out.spin_kind, out.spin_canceled = serr:kind(), spin:is_canceled()
  -- the channel form
  out.channel = funcs.async("comp:echo_s32", 9):channel().receive()
  -- a Lua target, and a future left unread (cancelled and awaited when this call ends)
  out.lua = funcs.async("luatest:add", 20, 22):result()
  funcs.async("limits:spin_forever")
  return out
end

local function executor()
  local out = {}
  local base = funcs.new()
  local alice = base:with_actor({ id = "alice", meta = { role = "admin" } }):with_scope({ "users.read" })
    :with_context({ request = "r-1" }):with_context({ tenant = "t-9" })
  out.run = alice:call("imports:run", 20)          -- the C# import records the context it sees
  out.base_is_new = base ~= alice
  local _, err = base:with_options({ timeout = 50 }):call("limits:spin_forever")
  out.timeout_kind, out.timeout_message = err:kind(), err:message()
  local _, aerr = alice:with_options({ timeout = 50 }):async("limits:spin_forever"):result()
  out.async_timeout_kind = aerr:kind()
  out.denied = tostring(select(2, base:with_actor("mallory"):call("comp:echo_s32", 1)))
  return out
end

return { run = run, executor = executor }
