#!/usr/bin/env bash
# JanTune's sweep against llama-bench built from the same llama.cpp source, on the same configurations, interleaved:
# for each round, model and NGL, one tool and then the other (the order flips each round), so drift and thermals hit
# both alike. Prints tokens/s and the ratio JanTune / llama-bench per configuration, and the median ratio per test.
#   BENCH=dir/of/llama-bench  MODELS="models/1b-q4_0.gguf models/7b-q4_0.gguf"  scripts/bench-parity.sh
# BENCH may name several llama-bench folders ("name=dir name2=dir2" or plain dirs): each runs in turn, interleaved with
# JanTune, and the table gives the ratio against each (e.g. a -march=native build and one on JanTune's own libraries,
# which separates what the build contributes from what the harness does).
# Settings (environment): BACKEND cpu|cuda|vulkan (cpu), NGLS "0 half all all+1" (per model; numbers allowed),
# THREADS (physical cores), FA on|off (on), REPS (3), ROUNDS (2), OUT (results folder), PROFILE (JanTune profile
# prefix, default parity-$BACKEND: one per comparison, so the exported trials of one never pair with another's).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
: "${BENCH:?set BENCH to the folder of llama-bench (scripts/build-llama-ref.sh prints it)}"
: "${MODELS:?set MODELS to the GGUF files to compare}"
BACKEND=${BACKEND:-cpu} FA=${FA:-on} REPS=${REPS:-3} ROUNDS=${ROUNDS:-2} NGLS=${NGLS:-"0 half all all+1"}
THREADS=${THREADS:-$(lscpu -p=core,socket | grep -v '^#' | sort -u | wc -l)}
OUT=${OUT:-$root/results/parity-$(date +%Y%m%d-%H%M%S)}
PROFILE=${PROFILE:-parity-$BACKEND}
if [ -z "${JANTUNE:-}" ]; then
  if command -v jantune >/dev/null; then JANTUNE=jantune; else JANTUNE="dotnet run --project $root/src/JanTune.Cli -c Release --no-build --"; fi
fi
mkdir -p "$OUT"
layers() { $JANTUNE model info "$1" | grep -m1 -oE 'layers[^0-9]*[0-9]+' | grep -oE '[0-9]+$'; }
ngl_of() { case "$1" in half) echo $(( $2 / 2 ));; all) echo "$2";; all+1) echo $(( $2 + 1 ));; *) echo "$1";; esac; }
dev=(); [ "$BACKEND" = cpu ] && dev=(-dev none)
run_bench() { # model ngl round
  local b name dir
  for b in $BENCH; do
    name=${b%%=*}; dir=${b#*=}; [ "$name" = "$b" ] && name=llama-bench
    "$dir/llama-bench" -m "$1" -ngl "$2" -t "$THREADS" -fa "$FA" -p 512 -n 128 -r "$REPS" "${dev[@]}" -o jsonl \
      >> "$OUT/bench-$name.jsonl" 2>> "$OUT/bench-$name.log"
  done
}
run_jantune() { # model ngl round
  local cfg="$OUT/tune-$3-$(basename "$1")-$2.json"
  printf '{"models":["%s"],"backends":["%s"],"ngl":[%s],"threads":[%s],"flash_attn":["%s"],"ctx":["test"],"tests":["pp512","tg128"],"repetitions":%s,"warmup":1}\n' \
    "$1" "$BACKEND" "$2" "$THREADS" "$FA" "$REPS" > "$cfg"
  $JANTUNE sweep --config "$cfg" --profile "$PROFILE-r$3" --no-baselines >> "$OUT/jantune.log" 2>&1
}
for round in $(seq 1 "$ROUNDS"); do
  for m in $MODELS; do
    L=$(layers "$m")
    for n in $NGLS; do
      ngl=$(ngl_of "$n" "$L"); [ "$BACKEND" = cpu ] && ngl=0
      echo "round $round: $(basename "$m") ngl $ngl" >&2
      if [ $((round % 2)) -eq 1 ]; then run_bench "$m" "$ngl"; run_jantune "$m" "$ngl" "$round"
      else run_jantune "$m" "$ngl" "$round"; run_bench "$m" "$ngl"; fi
      [ "$BACKEND" = cpu ] && break
    done
  done
  $JANTUNE results export --csv --profile "$PROFILE-r$round" --out "$OUT/jantune-r$round.csv" >/dev/null
done
python3 "$root/scripts/parity-table.py" "$OUT" | tee "$OUT/parity.md"
