-- wrk script for bench/servers.py (wrk()): cycles through the request paths listed in a file (one
-- per line, in order, wrapping around), sends the headers a phone browser sends, and prints one
-- line of JSON with the counts and latency percentiles after the run.
--   wrk -t1 -c8 -d10s -s bench/wrk.lua http://127.0.0.1:PORT -- paths.txt

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if #line > 0 then
      table.insert(paths, line)
    end
  end
  file:close()
  assert(#paths > 0, "no request paths in " .. args[1])
  npaths = #paths
  sent = 0
  wrk.headers["Accept-Encoding"] = "gzip, deflate, br"
  wrk.headers["Accept"] = "text/html,application/xhtml+xml,*/*;q=0.8"
  wrk.headers["User-Agent"] = "cp-bench (wrk)"
end

function request()
  sent = sent + 1
  return wrk.format("GET", paths[((sent - 1) % npaths) + 1])
end

function done(summary, latency, requests)
  local total_sent, total_paths = 0, 0
  for _, thread in ipairs(threads) do
    total_sent = total_sent + (thread:get("sent") or 0)
    total_paths = math.max(total_paths, thread:get("npaths") or 0)
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "sent": %d, "paths": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, '
      .. '"latency_us": {"p50": %d, "p90": %d, "p99": %d, "max": %d, "mean": %.1f}}\n',
    summary.requests, summary.duration, summary.bytes, total_sent, total_paths,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean
  ))
end
