-- wrk script for bench/web-load.sh (the sign-in cookie comes with -H): counts every response that is
-- not 200 (a redirect to /login counts) and prints one machine-readable line at the end:
-- RESULT requests=N rps=R p50=ms p95=ms p99=ms max=ms non200=N errors=N
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non200 = 0
end

function response(status, headers, body)
  if status ~= 200 then
    non200 = non200 + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("non200")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT requests=%d rps=%.1f p50=%.1f p95=%.1f p99=%.1f max=%.1f non200=%d errors=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, errors))
end
