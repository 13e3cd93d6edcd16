-- myns:lua_pipeline: the sample's data pipeline driven from Lua. Both steps run in the WebAssembly component
-- mapper.wasm (myns:transform_users, myns:filter_active); funcs.call converts the Lua tables to WIT records and back.
local funcs = require("funcs")

local users = {
  { id = 1, name = "Alice", tags = { "admin", "dev" }, active = true },
  { id = 2, name = "Bob", tags = { "user" }, active = false },
  { id = 3, name = "Carol", tags = { "dev" }, active = true },
}

local function run()
  local transformed, err = funcs.call("myns:transform_users", users)
  if err then return nil, err end
  local active, err2 = funcs.call("myns:filter_active", users)
  if err2 then return nil, err2 end
  return { transformed = transformed, active = active }
end

return { run = run }
