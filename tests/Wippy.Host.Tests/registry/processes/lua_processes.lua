-- The Lua process module against the actor test guest (ProcessLuaTests). Each function returns what the test checks.
local process = require("process")
local channel = require("channel")
local time = require("time")

local M = {}

local function receive_within(ch, duration)
  local r = channel.select { ch:case_receive(), time.after(duration):case_receive() }
  if r.channel ~= ch then return nil, "timed out" end
  return r.value
end

-- spawn_monitored, five increments, total, cancel, EXIT: the counter sample's flow.
function M.counter(n)
  local pid, err = process.spawn_monitored("processes:counter", "app")
  if not pid then return { error = tostring(err) } end
  for _ = 1, n do process.send(pid, "increment", "1") end
  process.send(pid, "total")
  local msg = receive_within(process.inbox(), "10s")
  if not msg then return { error = "no total" } end
  local ok = process.cancel(pid, "5s")
  local event = receive_within(process.events(), "10s")
  return {
    pid = pid, total = msg:payload():data(), topic = msg:topic(), from_is_counter = msg:from() == pid,
    cancelled = ok, event_kind = event.kind, event_is_exit = event.kind == process.event.EXIT,
    event_from = event.from, exit_error = event.result.error and tostring(event.result.error) or nil,
  }
end

function M.receive_timeout()
  local msg, why = receive_within(process.inbox(), "50ms")
  return why
end

function M.errors()
  local _, bad_target = process.send("not-a-pid", "t", "x")
  local _, no_entry = process.spawn("processes:nope", "app")
  local _, bad_topic = process.send(process.pid(), "@reserved", "x")
  local _, gone = process.terminate("{local@app|0xfffff}")
  return {
    bad_target = bad_target:kind() .. " " .. bad_target:message(),
    no_entry = no_entry:kind(), bad_topic = bad_topic:kind(), gone = gone:kind(),
  }
end

function M.trap_event()
  local pid = process.spawn_monitored("processes:crash", "app")
  process.send(pid, "boom")
  local event = process.events():receive()
  return { kind = event.kind, from_is_crash = event.from == pid, error_kind = event.result.error:kind() }
end

function M.link_down()
  local pid = process.spawn_linked("processes:crash", "app")
  process.send(pid, "boom")
  local event = process.events():receive()
  return { kind = event.kind, is_link_down = event.kind == process.event.LINK_DOWN, error_kind = event.result.error:kind() }
end

-- Linked and monitored, then unlinked: the failure comes as the monitor's EXIT only (a LINK_DOWN would be queued with it).
function M.unlink()
  local pid = process.spawn_linked_monitored("processes:crash", "app")
  process.unlink(pid)
  process.send(pid, "boom")
  local first = process.events():receive()
  local more = receive_within(process.events(), "50ms")
  return { first = first.kind, more = more and more.kind or "none" }
end

-- Payloads both ways through the echo guest: a string goes as bytes, a number and a table as JSON.
function M.payloads()
  local pid = process.spawn("processes:echo", "app")
  process.send(pid, "mixed", "text", 42, { a = 1, list = { 1, 2 } })
  local msg = process.inbox():receive()
  local p = msg:payload()
  process.send(pid, "stop")
  return { p[1]:format(), p[1]:data(), p[2]:format(), p[2]:data(), p[3]:format(), p[3]:data() }
end

-- Arguments go to the method's parameters; the exit value comes back in the EXIT event.
function M.greet(name)
  local pid = process.spawn_monitored("processes:greet", "app", name)
  local event = process.events():receive()
  return event.result.value
end

function M.pid() return process.pid() end

function M.wait_forever() return process.inbox():receive() end

-- process is also a global when listed, as in the runtime we re-create.
function M.global_pid() return _G.process.pid() == process.pid() and channel ~= nil end

return M
