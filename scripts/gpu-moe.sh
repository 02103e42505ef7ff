#!/usr/bin/env bash
# Issue 16 on the H200: JanTune's expert placement against llama.cpp's own --fit, for VRAM budgets of 12 and 24 GiB,
# on the Qwen3-30B-A3B-shaped Q4_K_M (48 layers, 128 experts, 8 active).
# Expects the environment scripts/gpu-all.sh sets up: `jantune` on PATH with JANTUNE_HOME=$W and its CUDA backend
# built (`jantune backends build cuda`), and LLAMA_SRC = the pinned source. Run from the repository root, in the
# background (setsid); everything lands in $W/out/moe/ as it finishes:
#   1. synthesizes qwen3-30b-a3b-q4_k_m.gguf directly in Q4_K_M (about 17 GiB; no F16 intermediate, the disk is 64 GiB);
#   2. builds llama-bench and llama-fit-params from the same CUDA build folder (scripts/build-llama-ref.sh) unless
#      BENCH_DIR names that folder already;
#   3. JanTune sweep on CUDA: every layer offloaded (ngl 49 = 48 layers + output), n_cpu_moe 0,4,...,48, pp512 and
#      tg128 at a 640-token context, flash attention on, 16 threads; each trial records llama.cpp's dry-run device
#      bytes and the device memory NVML saw;
#   4. per budget B, a B-MiB GPU emulated on the H200 through fit's own margin (-fitt = free - B + 1024, i.e. fit's
#      default 1 GiB margin on a B-MiB device): --fit's choice (llama-fit-params, and its projected memory) measured
#      by llama-bench -fitt, and `jantune recommend --max-vram B --headroom 1GiB` (the same margin) measured by the
#      same llama-bench with the picked -ngl / --n-cpu-moe, in the same run;
#      --fit's placements also join JanTune's sweep as override_tensor values (fit's -ot), so the recommendation
#      can pick fit's own choice when no n_cpu_moe value beats it;
#   5. scripts/moe-table.py: the n_cpu_moe table (tg, pp, device MiB) and, per budget, both picks side by side.
# Neither side is constrained by a process holding the rest of the memory, so compare the device MiB columns too.
set -uo pipefail
W=${W:-/tmp/jtw}
OUT=$W/out/moe
mkdir -p "$OUT"
exec >> "$OUT/moe.log" 2>&1
step() { echo "=== $(date +%T) $*"; }
THREADS=${THREADS:-16}
REPS=${REPS:-3}
BUDGETS_MIB=${BUDGETS_MIB:-"12288 24576"}
MARGIN_MIB=1024 # common/fit.cpp's default per-device margin; JanTune is given the same headroom
CTX=640         # pp512 + tg128, fixed for both sides
MODEL=$W/models/qwen3-30b-a3b-q4_k_m.gguf

step synth; time jantune model synth --preset qwen3-30b-a3b --quant q4_k_m || exit 1
jantune model info "$MODEL" --layers > "$OUT/model-info.txt"
df -h "$W" | tail -1

if [ -z "${BENCH_DIR:-}" ]; then
  step build ref; BENCH_DIR=$(REF_TARGETS="llama-bench llama-fit-params" scripts/build-llama-ref.sh cuda "$THREADS" 2> "$OUT/ref.log" | tail -1) \
    || { tail -30 "$OUT/ref.log"; exit 1; }
fi
BENCH=$BENCH_DIR
ls "$BENCH"/llama-bench "$BENCH"/llama-fit-params || exit 1

step sweep jantune
cat > "$OUT/moe.json" <<EOF2
{ "models": [{ "path": "$MODEL" }], "backends": ["cuda"], "ngl": [49], "threads": [$THREADS],
  "n_cpu_moe": [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48], "cpu_moe": [false],
  "flash_attn": ["on"], "ctx": [$CTX], "tests": ["pp512", "tg128"], "repetitions": $REPS, "warmup": 1 }
EOF2
jantune sweep --config "$OUT/moe.json" --profile moe-h200 --no-baselines --trial-timeout 900 | tail -30
jantune results export --csv --profile moe-h200 --out "$OUT/jantune.csv" > /dev/null

bench() { # name, llama-bench arguments...
  local name=$1; shift
  "$BENCH"/llama-bench -m "$MODEL" -fa 1 -t "$THREADS" -p 512 -n 128 -r "$REPS" -o json "$@" > "$OUT/$name.json" 2> "$OUT/$name.log" \
    || tail -20 "$OUT/$name.log"
}
# --fit's choice per budget: a B-MiB GPU with fit's default margin, i.e. (free - B) + 1024 MiB of the H200 left unused.
declare -A margins
for budget in $BUDGETS_MIB; do
  free=$(nvidia-smi --query-gpu=memory.free --format=csv,noheader,nounits | head -1 | tr -d ' ')
  margins[$budget]=$((free - budget + MARGIN_MIB))
  step "fit budget $budget MiB (free $free MiB, fit margin ${margins[$budget]} MiB)"
  "$BENCH"/llama-fit-params -m "$MODEL" -fa on -c $CTX -fitt "${margins[$budget]}" > "$OUT/fit-$budget.args" 2> "$OUT/fit-$budget.log"
  eval "fitargs=($(cat "$OUT/fit-$budget.args"))"
  "$BENCH"/llama-fit-params -m "$MODEL" -fa on "${fitargs[@]}" -fitp on > "$OUT/fit-$budget.mem" 2>> "$OUT/fit-$budget.log"
  cat "$OUT/fit-$budget.args" "$OUT/fit-$budget.mem"
done
# fit's placements are candidates of JanTune's own sweep (override_tensor = fit's -ot), so a recommendation can be fit's
# choice when nothing measured beats it: never slower than fit by construction, up to the measurement's spread.
ots=$(for budget in $BUDGETS_MIB; do python3 -c 'import shlex,sys; a=shlex.split(open(sys.argv[1]).read()); print(a[a.index("-ot")+1] if "-ot" in a else "")' "$OUT/fit-$budget.args"; done \
  | grep -v '^$' | python3 -c 'import json,sys; print(json.dumps(sorted(set(l.strip() for l in sys.stdin))))')
if [ "$ots" != "[]" ]; then
  step "sweep jantune: --fit's placements as override_tensor"
  python3 - "$OUT/moe.json" "$OUT/moe-fit.json" "$ots" <<'PY'
import json, sys
spec = json.load(open(sys.argv[1])); spec["n_cpu_moe"] = [0]; spec["override_tensor"] = json.loads(sys.argv[3])
json.dump(spec, open(sys.argv[2], "w"), indent=1)
PY
  jantune sweep --config "$OUT/moe-fit.json" --profile moe-h200 --no-baselines --trial-timeout 900 | tail -10
  jantune results export --csv --profile moe-h200 --out "$OUT/jantune.csv" > /dev/null
fi
for budget in $BUDGETS_MIB; do
  # The fit, measured: llama-bench fits each test itself (context = the test's tokens) before loading.
  bench "fit-$budget" -fitt "${margins[$budget]}"
  step "jantune recommend --max-vram ${budget}MiB --headroom ${MARGIN_MIB}MiB"
  jantune recommend --profile moe-h200 --objective gen --max-vram "${budget}MiB" --headroom "${MARGIN_MIB}MiB" > "$OUT/recommend-$budget.txt" 2>&1
  cp "$W/profiles/moe-h200/recommended.json" "$OUT/recommended-$budget.json" 2>/dev/null
  pick=$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["config"]; print(c["gpuLayers"], 48 if c["cpuMoe"] else c["cpuMoeLayers"], c.get("overrideTensor") or "")' "$OUT/recommended-$budget.json") \
    || { tail -20 "$OUT/recommend-$budget.txt"; continue; }
  read -r ngl ncmoe ot <<< "$pick"; echo "JanTune pick: -ngl $ngl --n-cpu-moe $ncmoe ${ot:+-ot $ot}"; echo "$pick" > "$OUT/pick-$budget.txt"
  # JanTune's pick measured by the same tool as fit's, in the same run (llama-bench separates -ot entries with ';':
  # its ',' separates the values of one test axis).
  bench "pick-$budget" -ngl "$ngl" -ncmoe "$ncmoe" ${ot:+-ot "${ot//,/;}"}
done

step table; python3 scripts/moe-table.py "$OUT" $BUDGETS_MIB | tee "$OUT/table.md"
step done moe
