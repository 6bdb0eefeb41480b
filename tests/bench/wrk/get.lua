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
done = dofile(os.getenv("OCOP_BENCH_LUA") .. "/report.lua")
