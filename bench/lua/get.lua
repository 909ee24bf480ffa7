-- GET with a bearer token (BENCH_TOKEN_FILE, may be empty: no header). Paths: BENCH_PATHS_FILE (one per line,
-- round-robin from a per-thread offset), else the URL's own path.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local token = os.getenv("BENCH_TOKEN_FILE") and c.read_file(os.getenv("BENCH_TOKEN_FILE")) or nil
local paths = c.read_lines(os.getenv("BENCH_PATHS_FILE"))
local counter = 0
local headers = {}
if token and token ~= "" then headers["Authorization"] = "Bearer " .. token end

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

local i = 0
function request()
  i = i + 1
  if #paths == 0 then return wrk.format("GET", nil, headers) end
  return wrk.format("GET", paths[((offset or 0) + i) % #paths + 1], headers)
end

done = c.done
