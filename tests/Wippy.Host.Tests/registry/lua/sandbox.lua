-- What the sandbox leaves (LuaTests): every name that must be absent, and what require and load do.
function probe()
  local report = {
    io = io == nil,
    debug = debug == nil,
    package = package == nil,
    dofile = dofile == nil,
    loadfile = loadfile == nil,
    os_execute = os.execute == nil,
    os_exit = os.exit == nil,
    os_getenv = os.getenv == nil,
    os_remove = os.remove == nil,
    os_time = type(os.time()) == "number",
    string = string.upper("x") == "X",
    math = math.floor(2.5) == 2,
    table = table.concat({ "a", "b" }) == "ab",
    utf8 = utf8.len("é") == 1,
    coroutine = type(coroutine.wrap) == "function",
  }
  local ok, err = pcall(require, "funcs")
  report.require_unlisted = (not ok) and tostring(err)
  local chunk, cerr = load(string.dump(function() return 1 end))
  report.load_binary = chunk == nil and tostring(cerr)
  report.load_text = load("return 1 + 1")() == 2
  return report
end
