#!/usr/bin/env python3
"""Soak test for `jantune serve` (standard library only).

Starts the server on 127.0.0.1, drives it with 2x its slots of concurrent clients for --duration seconds with a mix of
normal and streamed chats, streams dropped mid-way, requests cancelled before the answer, and bad requests (random
bytes, mutated JSON, invalid UTF-8), then reports errors, p50/p99 latency, RSS growth after warmup and whether every
slot is free at the end (from /metrics). Exit 1 when any of: an error (a 5xx other than 503 under the queue limit, a
4xx to a valid request, a 2xx to a broken one, a timeout), RSS growth over --max-rss-growth, a busy slot at the end.

    python3 scripts/soak.py                          # 30 minutes on the tiny synthetic model, 4 slots
    python3 scripts/soak.py --duration 300 --parallel 2
"""
import argparse, http.client, json, os, random, socket, subprocess, sys, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VALID = [
    {"messages": [{"role": "user", "content": "Tell me a story about a tuner."}], "max_tokens": 16},
    {"messages": [{"role": "system", "content": "be brief"}, {"role": "user", "content": [{"type": "text", "text": "hello"}]}], "max_tokens": 8, "temperature": 0.7, "seed": 1},
    {"prompt": "Once upon a time", "max_tokens": 24},
]
HOSTILE = [b"\xff\xfe", b"\\ud800", b"{", b"]", b"\x00", b"1e999", b'"messages":null,', b"[" * 40]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def metrics(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/metrics")
    text = c.getresponse().read().decode()
    c.close()
    values = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(None, 1)
            values[name] = float(value)
    return values


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.counts = {}
        self.errors = []
        self.latencies = []

    def count(self, kind):
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1

    def error(self, what):
        with self.lock:
            self.errors.append(what)

    def latency(self, seconds):
        with self.lock:
            self.latencies.append(seconds)


def endpoint(body):
    return "/v1/chat/completions" if "messages" in body else "/v1/completions"


def post(port, path, data, timeout=120):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    c.request("POST", path, body=data, headers={"Content-Type": "application/json"})
    return c, c.getresponse()


def mutate(rng):
    b = bytearray(json.dumps(rng.choice(VALID)).encode())
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(b) + 1)
        op = rng.randrange(3)
        if op == 0 and b:
            b[min(at, len(b) - 1)] = rng.randrange(256)
        elif op == 1:
            b[at:at] = rng.choice(HOSTILE)
        else:
            del b[at:at + rng.randint(1, 8)]
    return bytes(b)


def client(port, deadline, stats, seed):
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        r = rng.random()
        try:
            if r < 0.55:  # a normal request, timed
                body = dict(rng.choice(VALID))
                start = time.monotonic()
                c, resp = post(port, endpoint(body), json.dumps(body).encode())
                resp.read()
                c.close()
                if resp.status == 200:
                    stats.latency(time.monotonic() - start)
                    stats.count("ok")
                elif resp.status == 503:
                    stats.count("503")
                else:
                    stats.error(f"valid request got {resp.status}")
            elif r < 0.70:  # streamed to the end
                body = dict(rng.choice(VALID), stream=True)
                c, resp = post(port, endpoint(body), json.dumps(body).encode())
                data = resp.read()
                c.close()
                if resp.status == 200 and b"[DONE]" in data:
                    stats.count("stream")
                elif resp.status == 503:
                    stats.count("503")
                else:
                    stats.error(f"stream got {resp.status} (done marker {b'[DONE]' in data})")
            elif r < 0.80:  # a stream dropped after its first bytes
                body = dict(rng.choice(VALID), stream=True, max_tokens=256)
                c, resp = post(port, endpoint(body), json.dumps(body).encode())
                if resp.status == 200:
                    resp.read(rng.randint(1, 200))
                c.close()
                stats.count("dropped")
            elif r < 0.88:  # cancelled before any answer: send and close
                body = dict(rng.choice(VALID), max_tokens=128)
                data = json.dumps(body).encode()
                s = socket.create_connection(("127.0.0.1", port), timeout=10)
                s.sendall(f"POST {endpoint(body)} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n".encode() + data)
                time.sleep(rng.random() * 0.2)
                s.close()
                stats.count("cancelled")
            else:  # a bad request: random bytes or a mutated body
                data = bytes(rng.randrange(256) for _ in range(rng.randint(0, 64))) if rng.random() < 0.3 else mutate(rng)
                path = rng.choice(["/v1/chat/completions", "/v1/completions"])
                c, resp = post(port, path, data)
                text = resp.read()
                c.close()
                if resp.status >= 500 and resp.status != 503:
                    stats.error(f"bad request got {resp.status}: {data!r}")
                elif 200 <= resp.status < 300:
                    stats.count("bad-accepted")  # a mutation can still be valid
                elif resp.status == 503:
                    stats.count("503")
                else:
                    if b'"error"' not in text:
                        stats.error(f"{resp.status} without an OpenAI error body: {text[:200]!r}")
                    stats.count("bad")
        except (socket.timeout, TimeoutError) as e:
            stats.error(f"timeout: {e}")
        except (ConnectionError, http.client.HTTPException, OSError) as e:
            stats.error(f"connection: {e!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--duration", type=float, default=1800, help="seconds of load (default 1800)")
    ap.add_argument("--warmup", type=float, default=None, help="seconds before the RSS baseline (default 10%% of the duration, at most 120)")
    ap.add_argument("--model", default=os.path.join(ROOT, "models", "tiny-q4_0.gguf"))
    ap.add_argument("--parallel", type=int, default=4, help="server slots; clients = 2x this")
    ap.add_argument("--ctx", type=int, default=2048)
    ap.add_argument("--max-rss-growth", type=float, default=5.0, help="percent (default 5)")
    ap.add_argument("--jantune", default=f"dotnet {os.path.join(ROOT, 'src/JanTune.Cli/bin/Release/net10.0/jantune.dll')}")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--samples", default=None, help="write the RSS series (seconds, KiB) and the server's memory metrics to this CSV")
    a = ap.parse_args()
    if not os.path.exists(a.model):
        sys.exit(f"soak: no model at {a.model}; make it with `jantune model synth tiny` (or pass --model)")
    warmup = a.warmup if a.warmup is not None else min(120, a.duration * 0.1)
    port = free_port()
    log = open(os.path.join(ROOT, ".cache", "soak-server.log") if os.path.isdir(os.path.join(ROOT, ".cache")) else os.devnull, "w")
    server = subprocess.Popen(a.jantune.split() + ["serve", "--model", a.model, "--port", str(port), "--parallel", str(a.parallel), "--ctx", str(a.ctx)],
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None:
                sys.exit(f"soak: the server exited with {server.returncode}")
            time.sleep(0.5)
        else:
            sys.exit("soak: the server did not become ready in 5 minutes")
        stats = Stats()
        start = time.monotonic()
        deadline = start + a.duration
        threads = [threading.Thread(target=client, args=(port, deadline, stats, a.seed * 1000 + i), daemon=True) for i in range(2 * a.parallel)]
        for t in threads:
            t.start()
        samples = []
        series = open(a.samples, "w") if a.samples else None
        if series:
            series.write("seconds,rss_kib,managed_bytes,gen2_collections,threads\n")
        while time.monotonic() < deadline:
            samples.append((time.monotonic() - start, rss_kib(server.pid)))
            if series:
                m = metrics(port)
                row = [f"{samples[-1][0]:.1f}", samples[-1][1]] + [m.get(k, "") for k in (
                    "dotnet_total_memory_bytes", 'dotnet_collection_count_total{generation="2"}', "process_num_threads")]
                series.write(",".join(map(str, row)) + "\n")
                series.flush()
            time.sleep(min(5, max(0.1, deadline - time.monotonic())))
        for t in threads:
            t.join(timeout=180)
        samples.append((time.monotonic() - start, rss_kib(server.pid)))
        hung = sum(t.is_alive() for t in threads)
        # Every slot must be free once the clients are gone (dropped streams included).
        free = False
        for _ in range(40):
            m = metrics(port)
            if m.get("jantune_busy_slots", -1) == 0 and m.get("jantune_queue_depth", -1) == 0:
                free = True
                break
            time.sleep(0.25)
        after = [kib for t, kib in samples if t >= warmup] or [samples[-1][1]]
        base, end, peak = after[0], samples[-1][1], max(after)
        growth = 100.0 * (end - base) / base if base else 0.0
        lat = sorted(stats.latencies)
        pct = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else float("nan")
        report = {
            "duration_s": round(a.duration), "slots": a.parallel, "clients": 2 * a.parallel, "counts": stats.counts,
            "errors": len(stats.errors), "first_errors": stats.errors[:10], "hung_clients": hung,
            "latency_p50_s": round(pct(0.50), 4), "latency_p99_s": round(pct(0.99), 4), "timed_requests": len(lat),
            "rss_after_warmup_mib": round(base / 1024, 1), "rss_end_mib": round(end / 1024, 1), "rss_peak_mib": round(peak / 1024, 1),
            "rss_growth_pct": round(growth, 2), "slots_free_at_end": free,
            "busy_slots_end": m.get("jantune_busy_slots"), "queue_depth_end": m.get("jantune_queue_depth"),
        }
        print(json.dumps(report, indent=2))
        ok = not stats.errors and not hung and free and growth <= a.max_rss_growth
        print("soak: PASS" if ok else "soak: FAIL", file=sys.stderr)
        return 0 if ok else 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
