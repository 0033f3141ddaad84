-- wrk script for scripts/api-load.sh: counts answers that are not the 302 redirect and stops each thread
-- after its share of the request limit (the first script argument).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  limit = math.floor(tonumber(args[1] or "500000") / 2) -- per thread; the script runs wrk with 2 threads
  answers = 0
  wrong = 0
end

function response(status, headers, body)
  answers = answers + 1
  if status ~= 302 then wrong = wrong + 1 end
  if answers >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local wrong_total = 0
  for _, thread in ipairs(threads) do wrong_total = wrong_total + thread:get("wrong") end
  io.write(string.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("answers other than 302: %d\n", wrong_total))
end
