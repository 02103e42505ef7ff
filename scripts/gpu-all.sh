#!/usr/bin/env bash
# Issue 13's whole H200 run in one background job, from carried files (.devcarry/: the jantune publish, native.tar.xz
# = .native/{cpu,cuda,vulkan} minus the prebuilt libggml-cuda.so, llama-src.tar.xz = the pinned source, vkdev/ =
# Debian's Vulkan headers and glslc; .gl/: the Vulkan loader). Steps, each logged with its time in $W/out/all.log:
#   1. builds JanTune's CUDA backend with llama.cpp's top-level CMake, and from that same build folder llama-bench and
#      llama-server; meanwhile synthesizes the 1b and 7b Q4_0 models and (niced) builds llama-bench with Vulkan;
#   2. CUDA parity: scripts/bench-parity.sh, 1b and 7b, NGL 0/half/all/all+1, two interleaved rounds;
#   3. jantune serve vs llama-server (scripts/gpu-serve.sh's serve part);
#   4. Vulkan parity at full offload: JanTune's npm Vulkan build against llama-bench running on the very same libraries
#      (harness only), and against llama-bench built with Vulkan from the source (build and harness).
# Start it with setsid and poll $W/out; every step writes its results there as it finishes.
set -uo pipefail
R=$PWD W=/tmp/jtw
mkdir -p "$W/out" && cd "$W" && touch JanTune.sln
exec >> "$W/out/all.log" 2>&1
for f in "$R"/.gl/*.deb; do dpkg -x "$f" /; done; ldconfig
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
cp "$R/.devcarry/jantune" "$R/.devcarry/libe_sqlite3.so" "$W/" && chmod +x "$W/jantune"
tar -xJf "$R/.devcarry/native.tar.xz"; mkdir -p src && tar -C src -xJf "$R/.devcarry/llama-src.tar.xz"
rm -rf "$W/scripts"; cp -r "$R/scripts" "$W/scripts"
export JANTUNE_HOME=$W PATH="$W:$PATH" JANTUNE=jantune LLAMA_SRC=$W/src
step() { echo "=== $(date +%T) $*"; }
nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap,clocks.max.sm --format=csv
lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Core' 
step synth; (jantune model synth --preset 1b --quant q4_0 && jantune model synth --preset 7b --quant q4_0) > out/synth.log 2>&1 &
synth=$!
VK=/opt/vk; mkdir -p $VK; for f in "$R"/.devcarry/vkdev/*.deb; do dpkg -x "$f" $VK; done
( export LD_LIBRARY_PATH=$VK/usr/lib/x86_64-linux-gnu
  cmake -S src -B vk-build -G Ninja -DCMAKE_BUILD_TYPE=Release -DGGML_VULKAN=ON -DGGML_NATIVE=ON -DLLAMA_BUILD_TESTS=OFF \
    -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DCMAKE_PREFIX_PATH="$VK/usr;$VK/usr/share/cmake" \
    -DVulkan_INCLUDE_DIR=$VK/usr/include -DVulkan_LIBRARY=/usr/lib/x86_64-linux-gnu/libvulkan.so.1 \
    -DVulkan_GLSLC_EXECUTABLE=$VK/usr/bin/glslc && nice -n 19 cmake --build vk-build --target llama-bench -j 6 ) > out/vk-build.log 2>&1 &
vkbuild=$!
step build cuda; time jantune backends build cuda --source "$W/src" --arch native -j 16 > out/build.log 2>&1 || { tail -30 out/build.log; exit 1; }
variant=$(jantune hw | grep 'CPU variant' | grep -oE 'ggml-cpu-[a-z0-9]+|\b(x64|sse42|sandybridge|ivybridge|piledriver|haswell|skylakex|icelake|cascadelake|cooperlake|cannonlake|alderlake|sapphirerapids|zen4)\b' | head -1)
variant=ggml-cpu-${variant#ggml-cpu-}; echo "CPU variant $variant"
step build ref; BENCH=$(CPU_VARIANTS=$variant REF_TARGETS="llama-bench llama-server" scripts/build-llama-ref.sh cuda 16 2> out/ref.log | tail -1) || { tail -30 out/ref.log; exit 1; }
echo "$BENCH" > out/bench-dir; ls "$BENCH"
wait $synth; tail -3 out/synth.log
if kill -0 $vkbuild 2>/dev/null; then step "vulkan source build still running: waited for (benchmarks need a quiet machine)"; wait $vkbuild; fi
tail -3 out/vk-build.log
step parity cuda; BENCH=$BENCH MODELS="$W/models/1b-q4_0.gguf $W/models/7b-q4_0.gguf" BACKEND=cuda THREADS=16 FA=on REPS=3 ROUNDS=2 \
  OUT=$W/out/parity scripts/bench-parity.sh
step serve; bash scripts/gpu-serve.sh
# Vulkan: llama-bench on JanTune's own npm Vulkan libraries (same binaries, so the ratio is the harness alone).
VKB=$(scripts/build-bench-on-npm.sh vulkan 2>> out/vk-npm-build.log | tail -1)
step parity vulkan npm-libs; BENCH=$VKB MODELS="$W/models/1b-q4_0.gguf $W/models/7b-q4_0.gguf" BACKEND=vulkan \
  NGLS="all+1" THREADS=16 FA=on REPS=3 ROUNDS=2 OUT=$W/out/parity-vk-npm scripts/bench-parity.sh
if [ -x vk-build/bin/llama-bench ]; then
  step parity vulkan source-build; BENCH=$W/vk-build/bin MODELS="$W/models/1b-q4_0.gguf $W/models/7b-q4_0.gguf" BACKEND=vulkan \
    NGLS="all+1" THREADS=16 FA=on REPS=3 ROUNDS=1 OUT=$W/out/parity-vk-src PROFILE=parity-vksrc scripts/bench-parity.sh
fi
step done all
