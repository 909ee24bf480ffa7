-- Shared by every bench script: one bearer token (from the file named by BENCH_TOKEN_FILE), optional id list
-- (BENCH_IDS_FILE, one per line) walked round-robin from a per-thread offset, and a done() that prints one line of
-- figures the runner parses: requests, seconds, socket errors, non-2xx/3xx (status >= 400), latency percentiles (us).
local M = {}

function M.read_lines(path)
  local t = {}
  if path == nil or path == "" then return t end
  for line in io.lines(path) do
    if line ~= "" then t[#t + 1] = line end
  end
  return t
end

function M.read_file(path)
  local f = assert(io.open(path, "r"))
  local s = f:read("*a")
  f:close()
  return (s:gsub("%s+$", ""))
end

function M.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH requests=%d seconds=%.3f socket_errors=%d status_errors=%d p50=%d p90=%d p99=%d max=%d\n",
    summary.requests, summary.duration / 1e6, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end

return M
