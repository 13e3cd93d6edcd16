-- Calls target with the arguments through funcs.call and describes what came back, for LuaTests:
-- { ok = true, results = {...} } or { ok = false, kind = err:kind(), message = err:message(), text = tostring(err) }.
local funcs = require("funcs")

function call(target, ...)
  local results = table.pack(funcs.call(target, ...))
  local err = results[2]
  if results[1] == nil and type(err) == "table" and getmetatable(err) then
    return { ok = false, kind = err:kind(), message = err:message(), text = tostring(err) }
  end
  return { ok = true, results = results }
end

return { call = call }
