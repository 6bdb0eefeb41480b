-- wrk: POST /v1/products for producer $OCOP_BENCH_PRODUCER, each request with its own
-- name and Idempotency-Key, $OCOP_BENCH_AUTH as Authorization when set; prints one JSON line.
-- tid is each thread's number, set by setup() as a global of that thread's Lua state (a
-- local of the same name here would hide it, and two threads would send the same keys).
local threads, count = 0, 0
setup = function(thread)
    thread:set("tid", threads)
    threads = threads + 1
end
init = function(args)
    wrk.headers["Content-Type"] = "application/json"
    local auth = os.getenv("OCOP_BENCH_AUTH")
    if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
end
request = function()
    count = count + 1
    local key = string.format("%s-%d-%d", os.getenv("OCOP_BENCH_RUN"), tid, count)
    wrk.headers["Idempotency-Key"] = key
    local body = string.format('{"producer_id":"%s","name":"Bánh pía %s","criteria_set":8}',
        os.getenv("OCOP_BENCH_PRODUCER"), key)
    return wrk.format("POST", "/v1/products", nil, body)
end
done = dofile(os.getenv("OCOP_BENCH_LUA") .. "/report.lua")
