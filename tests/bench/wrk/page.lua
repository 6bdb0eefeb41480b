-- wrk: the same GET again and again (the URL given to wrk); prints one JSON line.
done = dofile(os.getenv("OCOP_BENCH_LUA") .. "/report.lua")
