-- Lua handlers behind the HTTP tests' endpoints (LuaHttpHandlerTests): the http module's request and response.
local http = require("http")

local function hello()
  local req, res = http.request(), http.response()
  res:set_content_type(http.CONTENT.JSON)
  res:set_status(http.STATUS.OK)
  res:write_json({ message = "hello " .. (req:param("name") or "?"), q = req:query("q"), agent = req:header("X-Agent"),
                   method = req:method(), path = req:path() })
end

local function echo()
  local req, res = http.request(), http.response()
  local body, err = req:body_json()
  if err then
    res:set_status(http.STATUS.BAD_REQUEST)
    res:write(err)
    return
  end
  res:set_status(http.STATUS.CREATED)
  res:set_header("X-Method", req:method())
  res:write_json(body)
end

local function inject()
  local res = http.response()
  local err = res:set_header("X-Bad", "a\r\nSet-Cookie: evil=1")
  res:write(err or "accepted")
end

local function raise()
  http.response():write("partial")
  error("the handler broke")
end

local function outside()
  local req, err = http.request()
  return err
end

return { hello = hello, echo = echo, inject = inject, raise = raise, outside = outside }
