-- An HTTP handler (docs/http.md#lua-handlers): GET /lua/hello/{name}[?greeting=…] answers
-- {"message": "Hello, <name>!"}.
local http = require("http")

local function handler()
  local req, res = http.request(), http.response()
  res:set_content_type(http.CONTENT.JSON)
  res:set_status(http.STATUS.OK)
  res:write_json({ message = (req:query("greeting") or "Hello") .. ", " .. req:param("name") .. "!" })
end

return { handler = handler }
