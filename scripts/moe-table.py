#!/usr/bin/env python3
"""Issue 16's table from scripts/gpu-moe.sh output: n_cpu_moe against tg/pp/device memory (JanTune's sweep), and per
VRAM budget JanTune's pick against llama.cpp's --fit choice, both measured in the same run. Standard library only.

usage: moe-table.py OUT_DIR BUDGET_MIB...   (OUT_DIR holds jantune.csv, fit-<B>.args, fit-<B>.mem, fit-<B>.json)
"""
import csv
import json
import os
import sys

FIT_MARGIN_MIB = 1024  # common/fit.cpp's default per-device margin: JanTune's pick must leave it too


def mib(value):
    return None if value in (None, "") else int(value) / (1 << 20)


def load_jantune(path):
    rows = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            if r["Status"] != "ok":
                continue
            placement = "cpu_moe" if r["CpuMoe"].lower() == "true" else int(r["NCpuMoe"])
            entry = rows.setdefault(placement, {})
            entry[r["Test"]] = (float(r["MeanTps"]), float(r["StdDevTps"] or 0))
            device = mib(r.get("DryRunDeviceBytes"))
            if device is not None:
                entry["dry_mib"] = max(entry.get("dry_mib", 0), device)
            seen = mib(r.get("DeviceMemoryBytes"))
            if seen is not None:
                entry["nvml_mib"] = max(entry.get("nvml_mib", 0), seen)
    return rows


def load_fit(out, budget):
    bench = {}
    path = os.path.join(out, f"fit-{budget}.json")
    if os.path.exists(path) and os.path.getsize(path) > 0:
        for t in json.load(open(path)):
            name = f"pp{t['n_prompt']}" if t["n_gen"] == 0 else f"tg{t['n_gen']}"
            bench[name] = (t["avg_ts"], t["stddev_ts"])
    device = None
    mem = os.path.join(out, f"fit-{budget}.mem")
    if os.path.exists(mem):
        for line in open(mem):
            parts = line.split()
            if len(parts) == 4 and parts[0] != "Host" and parts[1].isdigit():
                device = (device or 0) + sum(int(p) for p in parts[1:])
    args = open(os.path.join(out, f"fit-{budget}.args")).read().strip() if os.path.exists(os.path.join(out, f"fit-{budget}.args")) else ""
    return bench, device, args


def fmt(pair):
    return "-" if pair is None else f"{pair[0]:.1f} ± {pair[1]:.1f}"


def main():
    out, budgets = sys.argv[1], [int(b) for b in sys.argv[2:]]
    rows = load_jantune(os.path.join(out, "jantune.csv"))
    order = sorted((k for k in rows if k != "cpu_moe")) + (["cpu_moe"] if "cpu_moe" in rows else [])
    print("| n_cpu_moe | tg128 t/s | pp512 t/s | device MiB (dry run) | device MiB (NVML) |")
    print("|---|---|---|---|---|")
    for k in order:
        r = rows[k]
        print(f"| {k} | {fmt(r.get('tg128'))} | {fmt(r.get('pp512'))} | {r.get('dry_mib', 0):.0f} | {r.get('nvml_mib', 0):.0f} |")
    print()
    print("| VRAM budget | JanTune pick | tg128 | pp512 | device MiB | --fit choice | tg128 | pp512 | device MiB (fit's projection) | tg ratio |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for budget in budgets:
        fitting = [k for k in order if "tg128" in rows[k] and rows[k].get("dry_mib", 1e18) <= budget - FIT_MARGIN_MIB]
        pick = max(fitting, key=lambda k: rows[k]["tg128"][0]) if fitting else None
        bench, device, args = load_fit(out, budget)
        ratio = "-"
        if pick is not None and "tg128" in bench:
            ratio = f"{rows[pick]['tg128'][0] / bench['tg128'][0]:.2f}x"
        summary = (args[:60] + "…") if len(args) > 60 else args
        p = rows.get(pick, {})
        print(f"| {budget / 1024:.0f} GiB | {pick if pick is not None else 'none fits'} | {fmt(p.get('tg128'))} | {fmt(p.get('pp512'))} | "
              f"{p.get('dry_mib', 0):.0f} | `{summary}` | {fmt(bench.get('tg128'))} | {fmt(bench.get('pp512'))} | {device if device is not None else '-'} | {ratio} |")


if __name__ == "__main__":
    main()
