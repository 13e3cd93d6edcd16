-- Spawns the counter process (wasm/counter.c), sends it five increments, asks for the total, stops it, and returns
-- the total with how the counter ended. Run it: `dotnet run --project samples/registry -- call myns:count_to_five`.
local process = require("process")
local channel = require("channel")
local time = require("time")

-- The next value of ch, or nil, "timed out" when none comes within duration.
local function receive_within(ch, duration)
  local r = channel.select { ch:case_receive(), time.after(duration):case_receive() }
  if r.channel ~= ch then return nil, "timed out" end
  return r.value
end

local function run()
  -- Monitored: its exit comes to process.events() as a pid.exit event.
  local counter, err = process.spawn_monitored("myns:counter", "app")
  if not counter then return nil, err end

  for _ = 1, 5 do process.send(counter, "increment", "1") end
  process.send(counter, "total") -- it answers whoever asked: this call's own PID
  local reply, why = receive_within(process.inbox(), "5s")
  if not reply then return nil, why end

  process.cancel(counter, "1s") -- its mailbox closes; it returns, or is ended after 1 s
  local exit = receive_within(process.events(), "5s")
  return {
    total = tonumber(reply:payload():data()),
    ended = exit and exit.kind == process.event.EXIT and (exit.result.error == nil and "returned" or tostring(exit.result.error)),
  }
end

return { run = run }
