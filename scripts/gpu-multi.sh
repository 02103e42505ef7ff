#!/usr/bin/env bash
# The multi-GPU sweep (reports/examples/h200x2): split mode and tensor split as sweep axes on a two-GPU machine,
# CUDA and Vulkan. Carry .devcarry (native.tar.xz with .native/{cpu,cuda,vulkan}) and .gl.
# Run on the device machine from the repository root (carry .devcarry), in the background; everything lives in
# /tmp/jtw so a re-sync of the working tree cannot disturb it. Results land in /tmp/jtw/out.
set -uo pipefail
W=/tmp/jtw
mkdir -p "$W/out" && cd "$W"
touch JanTune.sln
for f in "$OLDPWD"/.gl/*.deb; do dpkg -x "$f" /; done; ldconfig   # the Vulkan loader (device README's .gl recipe)
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
cp "$OLDPWD/.devcarry/jantune" "$OLDPWD/.devcarry/libe_sqlite3.so" "$W/" && chmod +x "$W/jantune"
tar -xJf "$OLDPWD/.devcarry/native.tar.xz"
mkdir -p /tmp/jt-src && tar -C /tmp/jt-src -xJf "$OLDPWD/.devcarry/ggml-src.tar.xz"
export JANTUNE_HOME=$W PATH="$W:$PATH"
step() { echo "=== $(date +%T) $*"; }
step topology;   nvidia-smi --query-gpu=index,name,memory.total,driver_version --format=csv; nvidia-smi topo -m | tee out/topology.txt
step build cuda; jantune backends build cuda --source /tmp/jt-src/ggml --arch native -j "$(nproc)" | tail -1
step verify;     jantune backends verify
step hw;         jantune hw --json > out/hw.json; jantune hw | sed -n '/Devices/,/Telemetry/p'
step models;     jantune model synth --preset 7b --quant q4_0 && rm -f models/*-f16.gguf
cat > multi.json <<'J'
{ "models": [{"preset": "7b"}], "quantizations": ["q4_0"], "backends": ["cuda", "vulkan"], "ngl": [33], "threads": [8],
  "flash_attn": ["on"], "split_mode": ["none", "layer", "row", "tensor"], "tensor_split": ["auto", "3,1"],
  "tests": ["pp512", "tg128"], "repetitions": 3, "warmup": 1 }
J
step sweep;      jantune sweep --config multi.json --profile multi-gpu --trial-timeout 300
step export;     jantune results export --csv --profile multi-gpu --out out/multi-gpu.csv
step recommend;  jantune recommend --profile multi-gpu --objective gen | tail -30
step report;     jantune report --profile multi-gpu --out out --name report
[ -n "${OUT:-}" ] && tar -czf "$OUT/multi-gpu.tar.gz" out
step done
