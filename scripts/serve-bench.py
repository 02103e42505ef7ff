#!/usr/bin/env python3
"""One OpenAI-compatible client for both servers: N concurrent streamed chat completions of max_tokens each.
Prints per-stream decode tokens/s (after the first token) and the aggregate (all completion tokens / wall).
Standard library only (threads + http.client), so it runs on a bare GPU machine.
  serve-bench.py URL STREAMS MAX_TOKENS [ROUNDS]"""
import http.client, json, sys, threading, time, urllib.parse

url, streams, tokens = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rounds = int(sys.argv[4]) if len(sys.argv) > 4 else 3
u = urllib.parse.urlparse(url)

def one(i, out):
    body = json.dumps({"model": "m", "stream": True, "max_tokens": tokens, "temperature": 0, "ignore_eos": True,
                       "messages": [{"role": "user", "content": f"Stream {i}: tell a long story about the sea."}]})
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=600)
    t0 = time.perf_counter(); first = None; n = 0
    conn.request("POST", "/v1/chat/completions", body, {"Content-Type": "application/json"})
    r = conn.getresponse()
    if r.status != 200:
        raise SystemExit(f"{url}: HTTP {r.status}: {r.read()[:300]!r}")
    for raw in r:
        line = raw.decode("utf-8", "replace").strip()
        if not line.startswith("data: ") or line == "data: [DONE]":
            continue
        d = json.loads(line[6:])
        if d.get("choices") and d["choices"][0].get("delta", {}).get("content"):
            n += 1
            first = first or time.perf_counter()
    t1 = time.perf_counter()
    conn.close()
    out[i] = (n, (n - 1) / (t1 - first) if first and n > 1 else 0.0, t1 - t0)

def run(k):
    res = [None] * k
    ts = [threading.Thread(target=one, args=(i, res)) for i in range(k)]
    t0 = time.perf_counter()
    for t in ts: t.start()
    for t in ts: t.join()
    return res, time.perf_counter() - t0

run(1)  # warmup
for r in range(rounds):
    res, wall = run(streams)
    total = sum(x[0] for x in res)
    print(f"{url} streams {streams} round {r}: per-stream decode t/s {[round(x[1], 1) for x in res]}, "
          f"aggregate {total / wall:.1f} t/s ({total} tokens in {wall:.2f} s)", flush=True)
