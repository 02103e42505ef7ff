#!/usr/bin/env python3
"""Pairs llama-bench's jsonl rows (one bench-<name>.jsonl per reference) with JanTune's exported trials (same model,
NGL, test, round) and prints the ratios against each reference."""
import csv, glob, json, os, statistics, sys

out = sys.argv[1]
rounds = {}
for path in sorted(glob.glob(os.path.join(out, "jantune-r*.csv"))):
    r = int(os.path.basename(path)[len("jantune-r"):-4])
    rounds[r] = [row for row in csv.DictReader(open(path)) if row["Status"] == "ok"]

def table(name, bench):
    # llama-bench appends one line per test in run order; give each (model, ngl, test) its occurrence number = round.
    seen, bench_by = {}, {}
    for b in bench:
        test = f"pp{b['n_prompt']}" if b["n_prompt"] else f"tg{b['n_gen']}"
        key = (os.path.basename(b["model_filename"]), int(b["n_gpu_layers"]), test)
        seen[key] = seen.get(key, 0) + 1
        bench_by[key + (seen[key],)] = b["avg_ts"], b["stddev_ts"]

    rows, ratios = [], {}
    for r, trials in sorted(rounds.items()):
        for t in trials:
            key = (t["Model"], int(t["Ngl"]), t["Test"], r)
            if key not in bench_by:
                continue
            ours, ref = float(t["MeanTps"]), bench_by[key][0]
            ratio = ours / ref
            ratios.setdefault(t["Test"], []).append(ratio)
            rows.append((t["Model"], int(t["Ngl"]), t["Test"], r, ours, float(t["StdDevTps"] or 0), ref, bench_by[key][1], ratio))

    print(f"| model | NGL | test | round | JanTune t/s | {name} t/s | ratio |")
    print("|---|---|---|---|---|---|---|")
    for m, n, test, r, ours, sd, ref, rsd, ratio in sorted(rows):
        print(f"| {m} | {n} | {test} | {r} | {ours:.1f} ± {sd:.1f} | {ref:.1f} ± {rsd:.1f} | {ratio:.3f} |")
    print()
    for test, rs in sorted(ratios.items()):
        print(f"{test}: median ratio {statistics.median(rs):.3f}, range {min(rs):.3f}-{max(rs):.3f}, n={len(rs)}")
    allr = [x for rs in ratios.values() for x in rs]
    if allr:
        print(f"all: median {statistics.median(allr):.3f}, within [0.97, 1.03]: {sum(0.97 <= x <= 1.03 for x in allr)}/{len(allr)}")

for path in sorted(glob.glob(os.path.join(out, "bench-*.jsonl"))):
    name = os.path.basename(path)[len("bench-"):-len(".jsonl")]
    print(f"### JanTune / {name}\n")
    table(name, [json.loads(l) for l in open(path) if l.strip().startswith("{")])
    print()
