#!/usr/bin/env python3
"""Issue 16's table from scripts/gpu-moe.sh output: n_cpu_moe against tg/pp/device memory (JanTune's sweep), and per
VRAM budget `jantune recommend --max-vram`'s pick against llama.cpp's --fit choice, both measured by the same
llama-bench in the same run (and JanTune's pick also by its own sweep). Standard library only.

usage: moe-table.py OUT_DIR BUDGET_MIB...
  OUT_DIR holds jantune.csv (the sweep), and per budget fit-<B>.args / .mem / .json (fit's choice, its projected
  memory, llama-bench -fitt) and pick-<B>.txt / pick-<B>.json (JanTune's -ngl and --n-cpu-moe, llama-bench on them)
"""
import csv
import json
import os
import sys



def mib(value):
    return None if value in (None, "") else int(value) / (1 << 20)


def load_jantune(path):
    rows = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["Status"] != "ok":
                continue
            placement = "fit" if r.get("OverrideTensor") else "cpu_moe" if r["CpuMoe"].lower() == "true" else int(r["NCpuMoe"])
            entry = rows.setdefault(placement, {})
            entry[r["Test"]] = (float(r["MeanTps"]), float(r["StdDevTps"] or 0))
            device = mib(r.get("DryRunDeviceBytes"))
            if device is not None:
                entry["dry_mib"] = max(entry.get("dry_mib", 0), device)
            seen = mib(r.get("DeviceMemoryBytes"))
            if seen is not None:
                entry["nvml_mib"] = max(entry.get("nvml_mib", 0), seen)
    return rows


def load_bench(path):
    bench = {}
    if os.path.exists(path) and os.path.getsize(path) > 0:
        for t in json.load(open(path)):
            name = f"pp{t['n_prompt']}" if t["n_gen"] == 0 else f"tg{t['n_gen']}"
            bench[name] = (t["avg_ts"], t["stddev_ts"])
    return bench


def load_fit(out, budget):
    device = None
    mem = os.path.join(out, f"fit-{budget}.mem")
    if os.path.exists(mem):
        for line in open(mem):
            parts = line.split()
            if len(parts) == 4 and parts[0] != "Host" and parts[1].isdigit():
                device = (device or 0) + sum(int(p) for p in parts[1:])
    path = os.path.join(out, f"fit-{budget}.args")
    args = open(path).read().strip() if os.path.exists(path) else ""
    return load_bench(os.path.join(out, f"fit-{budget}.json")), device, args


def load_pick(out, budget):
    path = os.path.join(out, f"pick-{budget}.txt")
    if not os.path.exists(path):
        return None, {}
    parts = open(path).read().split(maxsplit=2)
    ngl, ncmoe, ot = int(parts[0]), int(parts[1]), (parts[2].strip() if len(parts) > 2 else "")
    return (ngl, ncmoe, ot), load_bench(os.path.join(out, f"pick-{budget}.json"))


def pick_text(pick):
    if pick is None:
        return "none"
    return f"-ngl {pick[0]} --n-cpu-moe {pick[1]}" + (" -ot (fit's placement)" if pick[2] else "")


def ratio(a, b, test):
    return f"{a[test][0] / b[test][0]:.2f}x" if test in a and test in b else "-"


def fmt(pair):
    return "-" if pair is None else f"{pair[0]:.1f} ± {pair[1]:.1f}"


def main():
    out, budgets = sys.argv[1], [int(b) for b in sys.argv[2:]]
    rows = load_jantune(os.path.join(out, "jantune.csv"))
    order = sorted((k for k in rows if k not in ("cpu_moe", "fit"))) + [k for k in ("cpu_moe", "fit") if k in rows]
    print("| n_cpu_moe | tg128 t/s | pp512 t/s | device MiB (dry run) | device MiB (NVML) |")
    print("|---|---|---|---|---|")
    for k in order:
        r = rows[k]
        print(f"| {k} | {fmt(r.get('tg128'))} | {fmt(r.get('pp512'))} | {r.get('dry_mib', 0):.0f} | {r.get('nvml_mib', 0):.0f} |")
    print()
    print("| VRAM budget | JanTune pick (recommend) | sweep tg128 | device MiB (dry run / NVML) | llama-bench tg128 | llama-bench pp512 "
          "| --fit choice | fit's device MiB (projection) | llama-bench tg128 | llama-bench pp512 | tg ratio | pp ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for budget in budgets:
        pick, pick_bench = load_pick(out, budget)
        fit_bench, device, args = load_fit(out, budget)
        p = rows.get(pick[2] and "fit" or pick[1], {}) if pick else {}
        summary = (args[:70] + "…") if len(args) > 70 else args
        print(f"| {budget / 1024:.0f} GiB | {pick_text(pick)} | {fmt(p.get('tg128'))} | "
              f"{p.get('dry_mib', 0):.0f} / {p.get('nvml_mib', 0):.0f} | {fmt(pick_bench.get('tg128'))} | {fmt(pick_bench.get('pp512'))} | "
              f"`{summary}` | {device if device is not None else '-'} | {fmt(fit_bench.get('tg128'))} | {fmt(fit_bench.get('pp512'))} | "
              f"{ratio(pick_bench, fit_bench, 'tg128')} | {ratio(pick_bench, fit_bench, 'pp512')} |")


if __name__ == "__main__":
    main()
