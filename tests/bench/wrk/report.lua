-- wrk's done() for the benchmark scripts: one JSON line with the request count, the rate,
-- the median and 99th percentile latencies and the failures. Loaded with dofile.
return function(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        '{"requests":%d,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"socket_errors":%d,"non_2xx":%d}\n',
        summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
        latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
