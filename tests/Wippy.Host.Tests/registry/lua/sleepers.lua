-- funcs.async of a guest that sleeps on a fiber (the seed's sleep guest, clocks:sleep_inline): LuaAsyncTests.
local funcs = require("funcs")

-- Starts n sleeps of ms milliseconds at once, then collects them: how many slept at least ms.
local function sleepers(n, ms)
  local futures = {}
  for i = 1, n do futures[i] = funcs.async("clocks:sleep_inline", ms) end
  local slept = 0
  for i = 1, n do
    local measured, err = futures[i]:result()
    if err then return nil, err end
    if measured >= ms then slept = slept + 1 end
  end
  return slept
end

-- A sleep cancelled by the future, and one cut short by the executor's timeout: the kinds of their errors.
local function stopped()
  local out = {}
  local sleeping = funcs.async("clocks:sleep_inline", 60000)
  out.cancelled = sleeping:cancel()
  local _, err = sleeping:result()
  out.cancel_kind = err:kind()
  local _, terr = funcs.new():with_options({ timeout = 50 }):async("clocks:sleep_inline", 60000):result()
  out.timeout_kind = terr:kind()
  out.after = funcs.async("clocks:sleep_inline", 1):result()
  return out
end

return { sleepers = sleepers, stopped = stopped }
