#!/usr/bin/env bash
# Issue 16 on the H200: JanTune's expert placement against llama.cpp's own --fit, for VRAM budgets of 12 and 24 GiB,
# on the Qwen3-30B-A3B-shaped Q4_K_M (48 layers, 128 experts, 8 active). NOT RUN YET: written on a machine without a GPU.
# Expects the environment scripts/gpu-all.sh sets up: `jantune` on PATH with JANTUNE_HOME=$W and its CUDA backend
# built (`jantune backends build cuda`), and LLAMA_SRC = the pinned source. Run from the repository root, in the
# background (setsid); everything lands in $W/out/moe/ as it finishes:
#   1. synthesizes qwen3-30b-a3b-q4_k_m.gguf directly in Q4_K_M (about 17 GiB; no F16 intermediate, the disk is 64 GiB);
#   2. builds llama-bench and llama-fit-params from the same CUDA build folder (scripts/build-llama-ref.sh);
#   3. JanTune sweep on CUDA: every layer offloaded (ngl 49 = 48 layers + output), n_cpu_moe 0,4,...,48 and cpu_moe,
#      pp512 and tg128, flash attention on, 16 threads; each trial records llama.cpp's dry-run device bytes and the
#      device memory NVML saw;
#   4. per budget B: --fit's choice (llama-fit-params, margin = free VRAM - B, so fit sees a B-sized GPU, plus its own
#      projected memory) and the same choice measured by llama-bench -fitt in the same run;
#   5. scripts/moe-table.py: the n_cpu_moe table (tg, pp, device MiB) and, per budget, JanTune's pick (the fastest
#      measured tg whose dry-run device bytes leave fit's 1024 MiB margin inside B) against fit's, with the ratio.
# A smaller GPU is emulated through fit's margin (-fitt); JanTune's pick is filtered by the same budget. Neither side
# is constrained by a process holding the rest of the memory, so compare the device MiB columns, not just speed.
set -uo pipefail
W=${W:-/tmp/jtw}
OUT=$W/out/moe
mkdir -p "$OUT"
exec >> "$OUT/moe.log" 2>&1
step() { echo "=== $(date +%T) $*"; }
THREADS=${THREADS:-16}
REPS=${REPS:-3}
BUDGETS_MIB=${BUDGETS_MIB:-"12288 24576"}
MODEL=$W/models/qwen3-30b-a3b-q4_k_m.gguf

step synth; time jantune model synth --preset qwen3-30b-a3b --quant q4_k_m || exit 1
jantune model info "$MODEL" --layers > "$OUT/model-info.txt"
df -h "$W" | tail -1

step build ref; BENCH=$(REF_TARGETS="llama-bench llama-fit-params" scripts/build-llama-ref.sh cuda "$THREADS" 2> "$OUT/ref.log" | tail -1) \
  || { tail -30 "$OUT/ref.log"; exit 1; }
ls "$BENCH"/llama-bench "$BENCH"/llama-fit-params || exit 1

step sweep jantune
cat > "$OUT/moe.json" <<EOF
{ "models": [{ "path": "$MODEL" }], "backends": ["cuda"], "ngl": [49], "threads": [$THREADS],
  "n_cpu_moe": [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48], "cpu_moe": [false, true],
  "flash_attn": ["on"], "ctx": ["test"], "tests": ["pp512", "tg128"], "repetitions": $REPS, "warmup": 1 }
EOF
jantune sweep --config "$OUT/moe.json" --profile moe-h200 --trial-timeout 900 | tail -20
jantune results export --csv --profile moe-h200 --out "$OUT/jantune.csv" > /dev/null

for budget in $BUDGETS_MIB; do
  free=$(nvidia-smi --query-gpu=memory.free --format=csv,noheader,nounits | head -1 | tr -d ' ')
  margin=$((free - budget))
  step "fit budget $budget MiB (free $free MiB, margin $margin MiB)"
  "$BENCH"/llama-fit-params -m "$MODEL" -fa on -c 640 -fitt "$margin" -fitc 640 > "$OUT/fit-$budget.args" 2> "$OUT/fit-$budget.log"
  "$BENCH"/llama-fit-params -m "$MODEL" -fa on $(cat "$OUT/fit-$budget.args") -fitp on > "$OUT/fit-$budget.mem" 2>> "$OUT/fit-$budget.log"
  cat "$OUT/fit-$budget.args" "$OUT/fit-$budget.mem"
  # The same fit, measured: llama-bench fits each test itself (context = the test's tokens) before loading.
  "$BENCH"/llama-bench -m "$MODEL" -fitt "$margin" -fitc 640 -fa 1 -t "$THREADS" -p 512 -n 128 -r "$REPS" -o json \
    > "$OUT/fit-$budget.json" 2> "$OUT/fit-bench-$budget.log" || tail -20 "$OUT/fit-bench-$budget.log"
done

step table; python3 scripts/moe-table.py "$OUT" $BUDGETS_MIB | tee "$OUT/table.md"
step done moe
