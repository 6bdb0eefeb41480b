-- wrk: GET /v1/products/{id} over the ids in $OCOP_BENCH_IDS (one per line), with
-- $OCOP_BENCH_AUTH as the Authorization header when set; prints one JSON line.
local ids = {}
init = function(args)
    for line in io.lines(os.getenv("OCOP_BENCH_IDS")) do ids[#ids + 1] = line end
    local auth = os.getenv("OCOP_BENCH_AUTH")
    if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
end
request = function()
    return wrk.format("GET", "/v1/products/" .. ids[math.random(#ids)])
end
done = function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        '{"requests":%d,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"socket_errors":%d,"non_2xx":%d}\n',
        summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
