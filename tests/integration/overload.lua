-- wrk: POST /v1/products at a fixed rate, $OCOP_LOAD_RATE requests a second in all,
-- whatever the answers: each thread sends its k-th request at start + k / (its share of
-- the rate) on whichever of its connections is free (delay() hands out the slots; with
-- enough connections a slow answer does not slow the load). Every request carries its
-- sending time in X-Request-Id, which the service echoes, so each answer's latency is
-- known. Each thread writes to $OCOP_LOAD_OUT.<thread> a line per request sent and one
-- per answer:
--   sent <product name>
--   <status> <latency ms> <1 if Retry-After else 0> <product name>
-- and done() prints one JSON line: requests, rate, socket errors.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } ocop_timespec;
int clock_gettime(int clock, ocop_timespec *ts);
]]
local ts = ffi.new("ocop_timespec")
local function now_us()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000000 + math.floor(tonumber(ts.tv_nsec) / 1000)
end

local threads = {}
setup = function(thread)
    thread:set("tid", #threads)
    table.insert(threads, thread)
end

local out, count, slot, start, interval_us
init = function(args)
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = os.getenv("OCOP_BENCH_AUTH")
    out = io.open(os.getenv("OCOP_LOAD_OUT") .. "." .. tid, "w")
    out:setvbuf("line")
    count, slot = 0, 0
    local nthreads = tonumber(os.getenv("OCOP_LOAD_THREADS"))
    interval_us = 1e6 * nthreads / tonumber(os.getenv("OCOP_LOAD_RATE"))
    start = now_us()
end

delay = function()
    slot = slot + 1
    local wait = (start + slot * interval_us - now_us()) / 1000
    return wait > 0 and math.floor(wait) or 0
end

request = function()
    count = count + 1
    local name = string.format("%s-%d-%d", os.getenv("OCOP_BENCH_RUN"), tid, count)
    wrk.headers["Idempotency-Key"] = name
    wrk.headers["X-Request-Id"] = string.format("t%d-%s", now_us(), name)
    out:write("sent ", name, "\n")
    local body = string.format('{"producer_id":"%s","name":"%s","criteria_set":8}',
        os.getenv("OCOP_BENCH_PRODUCER"), name)
    return wrk.format("POST", "/v1/products", nil, body)
end

response = function(status, headers, body)
    local id = headers["X-Request-Id"] or headers["x-request-id"] or ""
    local sent, name = id:match("^t(%d+)-(.+)$")
    local ms = sent and (now_us() - tonumber(sent)) / 1000 or -1
    local retry = (headers["Retry-After"] or headers["retry-after"]) and 1 or 0
    out:write(string.format("%d %.2f %d %s\n", status, ms, retry, name or "-"))
end

done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format('{"requests":%d,"seconds":%.2f,"rate":%.1f,"socket_errors":%d,' ..
        '"connect_errors":%d,"timeouts":%d}\n', summary.requests, summary.duration / 1e6,
        summary.requests / (summary.duration / 1e6), e.connect + e.read + e.write + e.timeout,
        e.connect, e.timeout))
end
