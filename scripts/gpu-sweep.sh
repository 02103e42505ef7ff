#!/usr/bin/env bash
# The GPU example sweep (reports/examples/h100): run on the device machine from the repository root, in the
# background, with everything in /tmp/jtw so a re-sync of the working tree cannot disturb it.
set -uo pipefail
W=/tmp/jtw
mkdir -p "$W" && cd "$W"
touch JanTune.sln
for f in "$OLDPWD"/.gl/*.deb; do dpkg -x "$f" /; done; ldconfig
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
cp "$OLDPWD/.devcarry/jantune" "$OLDPWD/.devcarry/libe_sqlite3.so" "$W/" && chmod +x "$W/jantune"
cp "$OLDPWD/reports/examples/h100/tune.json" "$W/tune-gpu.json"
tar -xJf "$OLDPWD/.devcarry/native.tar.xz"
mkdir -p /tmp/jt-src && tar -C /tmp/jt-src -xJf "$OLDPWD/.devcarry/ggml-src.tar.xz"
export JANTUNE_HOME=$W PATH="$W:$PATH"
step() { echo "=== $(date +%T) $*"; }
step build cuda;  jantune backends build cuda --source /tmp/jt-src/ggml --arch native -j "$(nproc)" | tail -2
step verify;      jantune backends verify
step hw;          jantune hw --json > hw.json; jantune hw | head -20
step models;      jantune model synth --preset 1b --quant q4_0,q8_0 && jantune model synth --preset 7b --quant q4_0,q8_0 && rm -f models/*-f16.gguf
step sweep;       jantune sweep --config tune-gpu.json --trial-timeout 300
step export;      jantune results export --csv --out results.csv
step recommend;   jantune recommend --objective gen | tail -30
step report;      jantune report --name report
step done
