#!/usr/bin/env python3
"""One OpenAI-compatible client for both servers: N concurrent streamed chat completions of max_tokens each.
Prints per-stream decode tokens/s (after the first token) and the aggregate (all completion tokens / wall)."""
import asyncio, json, sys, time
import httpx

url, streams, tokens, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 3

async def one(client, i):
    body = {"model": "m", "stream": True, "max_tokens": tokens, "temperature": 0, "ignore_eos": True,
            "messages": [{"role": "user", "content": f"Stream {i}: tell a long story about the sea."}]}
    t0 = time.perf_counter(); first = None; n = 0
    async with client.stream("POST", url + "/v1/chat/completions", json=body, timeout=600) as r:
        async for line in r.aiter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            d = json.loads(line[6:])
            if d.get("choices") and d["choices"][0].get("delta", {}).get("content"):
                n += 1
                first = first or time.perf_counter()
    t1 = time.perf_counter()
    return n, (n - 1) / (t1 - first) if first and n > 1 else 0.0, t1 - t0

async def main():
    async with httpx.AsyncClient() as client:
        await one(client, -1)  # warmup
        for r in range(rounds):
            t0 = time.perf_counter()
            res = await asyncio.gather(*(one(client, i) for i in range(streams)))
            wall = time.perf_counter() - t0
            total = sum(x[0] for x in res)
            print(f"{url} streams {streams} round {r}: per-stream decode t/s {[round(x[1], 1) for x in res]}, "
                  f"aggregate {total / wall:.1f} t/s ({total} tokens in {wall:.2f} s)", flush=True)

asyncio.run(main())
