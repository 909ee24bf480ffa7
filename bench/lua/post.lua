-- POST a JSON body with a bearer token (BENCH_TOKEN_FILE). Bodies: BENCH_BODIES_FILE, one JSON document per line,
-- round-robin from a per-thread offset.
package.path = os.getenv("BENCH_LUA_DIR") .. "/?.lua;" .. package.path
local c = require("common")
local token = c.read_file(os.getenv("BENCH_TOKEN_FILE"))
local bodies = c.read_lines(os.getenv("BENCH_BODIES_FILE"))
local counter = 0
local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

local i = 0
function request()
  i = i + 1
  return wrk.format("POST", nil, headers, bodies[((offset or 0) + i) % #bodies + 1])
end

done = c.done
