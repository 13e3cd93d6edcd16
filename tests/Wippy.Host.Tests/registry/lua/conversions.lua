-- Every WIT type through funcs.call, both ways: run("comp") targets the echo component called through its core
-- module, run("cm") the same functions through Wasmtime's component model. Returns the failures (empty: all passed).
local funcs = require("funcs")

local function dump(v, depth)
  depth = depth or 0
  if type(v) ~= "table" then return type(v) == "string" and string.format("%q", v) or tostring(v) end
  if depth > 5 then return "{...}" end
  local keys = {}
  for k in pairs(v) do keys[#keys + 1] = k end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. dump(v[k], depth + 1) end
  return "{" .. table.concat(parts, ", ") .. "}"
end

local function equal(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) == "number" then
    if a ~= a then return b ~= b end -- NaN
    return a == b and math.type(a) == math.type(b) and (a ~= 0 or 1 / a == 1 / b)
  end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do if not equal(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

function run(ns)
  local failures = {}
  local function fail(what, detail) failures[#failures + 1] = what .. ": " .. detail end

  -- calls target with the arguments; expects exactly the results in `expected` (a table of returns)
  local function expect(name, args, expected)
    local target = ns .. ":" .. name
    local got = table.pack(funcs.call(target, table.unpack(args, 1, args.n or #args)))
    for i = 1, math.max(got.n, expected.n or #expected) do
      if not equal(got[i], expected[i]) then
        fail(target .. " " .. dump(args), "return " .. i .. " was " .. dump(got[i]) .. ", expected " .. dump(expected[i]))
        return
      end
    end
  end
  local function echo(name, value) expect(name, { value, n = 1 }, { value, n = 1 }) end

  echo("echo_bool", true); echo("echo_bool", false)
  echo("echo_s8", -128); echo("echo_s8", 127)
  echo("echo_u8", 0); echo("echo_u8", 255)
  echo("echo_s16", -32768); echo("echo_u16", 65535)
  echo("echo_s32", -2147483648); echo("echo_s32", 2147483647)
  echo("echo_u32", 4294967295)
  echo("echo_s64", math.mininteger); echo("echo_s64", math.maxinteger)
  echo("echo_u64", 0); echo("echo_u64", math.maxinteger)
  echo("echo_u64", 9223372036854777856.0) -- 2^63 + 2^11: above Lua's integers, a float both ways
  local none, err = funcs.call(ns .. ":echo_u64", 2.0 ^ 64)  -- one past u64
  if none ~= nil or err == nil or err:kind() ~= "Invalid" then fail(ns .. ":echo_u64 2^64", "expected an Invalid error, got " .. dump(err)) end
  echo("echo_f32", 1.5); echo("echo_f32", -0.0); echo("echo_f32", 1 / 0)
  echo("echo_f64", math.pi); echo("echo_f64", -1 / 0); echo("echo_f64", 0 / 0)
  echo("echo_char", "A"); echo("echo_char", "é"); echo("echo_char", "😀")
  echo("echo_string", ""); echo("echo_string", "héllo wörld 😀")
  echo("echo_bytes", ""); echo("echo_bytes", "\0\1\2\255")
  expect("echo_bytes", { { 1, 2, 255 }, n = 1 }, { "\1\2\255", n = 1 }) -- an array of integers is accepted too
  echo("echo_list", {}); echo("echo_list", { 1, -2, 3 })
  echo("echo_strings", { "a", "", "ü" })
  echo("echo_point", { x = 1, y = -2 })
  local ann = { name = "Ann", age = 30, tags = { "a", "b" }, email = "ann@example.com", home = { x = 1, y = 2 } }
  local bob = { name = "Bob", age = 0, tags = {}, home = { x = 0, y = 0 } } -- email: none
  echo("echo_person", ann); echo("echo_person", bob)
  echo("echo_people", { ann, bob })
  echo("echo_tuple", { 7, "seven", 7.5 })
  echo("echo_option", 5); echo("echo_option", nil)
  echo("echo_option_string", "x"); echo("echo_option_string", nil)
  echo("echo_nested_option", "x"); echo("echo_nested_option", nil)
  -- a top-level result is two returns: value, nil or nil, err
  expect("echo_result", { { ok = 5 }, n = 1 }, { 5, nil, n = 2 })
  expect("echo_result", { { err = "bad" }, n = 1 }, { nil, "bad", n = 2 })
  expect("echo_result_empty", { { ok = true }, n = 1 }, { true, nil, n = 2 })
  expect("echo_result_empty", { { err = true }, n = 1 }, { nil, "error", n = 2 })
  expect("echo_result_err_only", { { ok = true }, n = 1 }, { true, nil, n = 2 })
  expect("echo_result_err_only", { { err = "why" }, n = 1 }, { nil, "why", n = 2 })
  echo("echo_enum", "green")
  echo("echo_flags", {}); echo("echo_flags", { "read", "exec" })
  echo("echo_shape", { circle = 1.5 }); echo("echo_shape", { rect = { x = 1, y = 2 } })
  echo("echo_shape", { label = "hi" }); echo("echo_shape", { empty = true })
  echo("echo_shapes", { { circle = 2.5 }, { empty = true }, { label = "" } })
  expect("sum17", { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, n = 17 }, { 153, n = 1 })
  expect("count_chars", { "héllo", n = 1 }, { 5, n = 1 })
  expect("make_person", { "Zed", 9, n = 2 },
    { { name = "Zed", age = 9, tags = { "new", "age:9" }, email = "Zed@example.com", home = { x = 9, y = -9 } }, n = 1 })
  return failures
end

return { run = run }
