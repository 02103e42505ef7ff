#!/usr/bin/env bash
# Re-measures the configurations `jantune recommend` chose from the H100 example sweep, in a fresh process on a
# fresh machine, under a profile of its own so nothing is reused from the first run.
set -uo pipefail
R=$PWD W=/tmp/jtw
mkdir -p "$W" && cd "$W" && touch JanTune.sln
for f in "$R"/.gl/*.deb; do dpkg -x "$f" /; done; ldconfig
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
cp "$R/.devcarry/jantune" "$R/.devcarry/libe_sqlite3.so" "$W/" && chmod +x "$W/jantune"
tar -xJf "$R/.devcarry/native.tar.xz"
mkdir -p /tmp/jt-src && tar -C /tmp/jt-src -xJf "$R/.devcarry/ggml-src.tar.xz"
export JANTUNE_HOME=$W PATH="$W:$PATH"
step() { echo "=== $(date +%T) $*"; }
step build cuda; jantune backends build cuda --source /tmp/jt-src/ggml --arch native -j "$(nproc)" | tail -1
if [ -n "${OUT:-}" ]; then  # bring the built library back in pieces under the 16 MiB file limit, for later calls to carry
  xz -T0 -6 -c .native/cuda/libggml-cuda.so | split -b 15M - "$OUT/libggml-cuda.so.xz."
fi
step hw;         jantune hw --json > hw.json; jantune hw | sed -n '/Devices/,/Telemetry/p'
step models;     jantune model synth --preset 7b --quant q4_0 && jantune model synth --preset 1b --quant q4_0
cat > check-7b.json <<'J'
{ "models": ["models/7b-q4_0.gguf"], "backends": ["cuda"], "ngl": [33], "threads": [16], "ctx": [2048], "tests": ["pp512", "tg128"], "repetitions": 5, "warmup": 1 }
J
cat > check-1b.json <<'J'
{ "models": ["models/1b-q4_0.gguf"], "backends": ["vulkan"], "ngl": [23], "threads": [16], "ctx": [2048], "tests": ["pp512", "tg128"], "repetitions": 5, "warmup": 1 }
J
step recheck;    jantune sweep --config check-7b.json --profile recheck | tail -12; jantune sweep --config check-1b.json --profile recheck | tail -12
jantune results export --csv --profile recheck --out recheck.csv
[ -n "${OUT:-}" ] && cp recheck.csv hw.json "$OUT/"
step done
