-- wrk: POSTs one signed WhatsApp text webhook (bench/body.json, signature in the environment)
-- with a fresh message id per request, so every request is a new durable event.
local body = assert(io.open(os.getenv("BENCH_BODY"), "rb")):read("*a")
local secret_signature = os.getenv("BENCH_SIGNATURE")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Hub-Signature-256"] = secret_signature
wrk.body = body

done = function(summary, latency, requests)
  io.write(string.format("RESULT requests_per_sec=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
