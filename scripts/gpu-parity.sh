#!/usr/bin/env bash
# The H200 fidelity run (issue 13) on a bare GPU machine from carried files (.devcarry/: jantune publish,
# native.tar.xz = .native/{cpu,cuda,vulkan} minus the prebuilt libggml-cuda.so, llama-src.tar.xz = the pinned source;
# .gl/: the Vulkan loader). Builds the CUDA backend and llama-bench/llama-server in one top-level CMake build, then
# runs scripts/bench-parity.sh (1b and 7b Q4_0, NGL 0/half/all/all+1, two interleaved rounds), JanTune's Vulkan
# figures, and jantune serve vs llama-server with one client. Everything lands in $W/out (and $OUT when set).
set -uo pipefail
R=$PWD W=/tmp/jtw
mkdir -p "$W/out" && cd "$W" && touch JanTune.sln
for f in "$R"/.gl/*.deb; do dpkg -x "$f" /; done; ldconfig
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
cp "$R/.devcarry/jantune" "$R/.devcarry/libe_sqlite3.so" "$W/" && chmod +x "$W/jantune"
tar -xJf "$R/.devcarry/native.tar.xz"; mkdir -p src && tar -C src -xJf "$R/.devcarry/llama-src.tar.xz"
cp -r "$R/.devcarry/scripts" "$W/scripts"
export JANTUNE_HOME=$W PATH="$W:$PATH" JANTUNE=jantune LLAMA_SRC=$W/src
step() { echo "=== $(date +%T) $*"; }
nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv
step synth; (jantune model synth --preset 1b --quant q4_0 && jantune model synth --preset 7b --quant q4_0) > out/synth.log 2>&1 &
synth=$!
step build cuda; time jantune backends build cuda --source "$W/src" --arch native -j 16 > out/build.log 2>&1 || { tail -30 out/build.log; exit 1; }
# The reference loads the same CPU variant JanTune's npm build picks on this machine (one variant builds in seconds).
variant=$(jantune hw | grep 'CPU variant' | grep -oE 'ggml-cpu-[a-z0-9]+|\b(x64|sse42|sandybridge|ivybridge|piledriver|haswell|skylakex|icelake|cascadelake|cooperlake|cannonlake|alderlake|sapphirerapids|zen4)\b' | head -1)
variant=ggml-cpu-${variant#ggml-cpu-}; echo "CPU variant $variant"
step build ref; BENCH=$(CPU_VARIANTS=$variant REF_TARGETS="${REF_TARGETS:-llama-bench}" scripts/build-llama-ref.sh cuda 16 2> out/ref.log | tail -1) || { tail -30 out/ref.log; exit 1; }
echo "$BENCH" > out/bench-dir; ls "$BENCH" | head -40
wait $synth; tail -3 out/synth.log
step parity; BENCH=$BENCH MODELS="$W/models/1b-q4_0.gguf $W/models/7b-q4_0.gguf" BACKEND=cuda THREADS=16 FA=on REPS=3 ROUNDS=2 \
  OUT=$W/out/parity scripts/bench-parity.sh
step done parity
