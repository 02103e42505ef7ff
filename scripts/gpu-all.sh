#!/usr/bin/env bash
# The H200 runs of issues 13 and 16 in one background job, from carried files (.devcarry/: the jantune publish,
# native.tar.xz = .native/{cpu,cuda,vulkan} minus the prebuilt libggml-cuda.so, llama-src.tar.xz = the pinned source,
# vkdev/ = Debian's Vulkan headers and glslc; .gl/: the Vulkan loader). Each step is logged with its time in
# $W/out/all.log and writes its results under $W/out as it finishes; start it with setsid and poll $W/out.
#   setup: builds JanTune's CUDA backend with llama.cpp's top-level CMake and, from that same build folder, llama-bench,
#          llama-server and llama-fit-params; meanwhile synthesizes the models the phases need and builds llama-bench
#          with Vulkan in its own process group (stopped while anything is timed, resumed after);
# PHASES (default "parity serve vulkan"), in order:
#   moe     scripts/gpu-moe.sh: n_cpu_moe sweep of the Qwen3-30B-A3B-shaped Q4_K_M, JanTune's pick against --fit's
#   parity  CUDA parity, scripts/bench-parity.sh, against llama-bench from the same build folder (src) and compiled on
#           JanTune's own npm libraries + that libggml-cuda.so (npm: the harness alone); MODELS_PARITY (1b 7b),
#           NGLS_1b / NGLS_7b (0 half all all+1), REPS (3), ROUNDS (2)
#   serve   jantune serve vs llama-server (scripts/gpu-serve.sh)
#   vulkan  Vulkan parity at full offload against llama-bench built with Vulkan from the source and on the npm libraries
set -uo pipefail
R=$PWD W=/tmp/jtw
PHASES=${PHASES:-parity serve vulkan} MODELS_PARITY=${MODELS_PARITY:-1b 7b} REPS=${REPS:-3} ROUNDS=${ROUNDS:-2}
mkdir -p "$W/out" && cd "$W" && touch JanTune.sln
exec >> "$W/out/all.log" 2>&1
for f in "$R"/.gl/*.deb; do dpkg -x "$f" /; done; ldconfig
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
cp "$R/.devcarry/jantune" "$R/.devcarry/libe_sqlite3.so" "$W/" && chmod +x "$W/jantune"
tar -xJf "$R/.devcarry/native.tar.xz"; mkdir -p src && tar -C src -xJf "$R/.devcarry/llama-src.tar.xz"
rm -rf "$W/scripts"; cp -r "$R/scripts" "$W/scripts"
export JANTUNE_HOME=$W PATH="$W:$PATH" JANTUNE=jantune LLAMA_SRC=$W/src
step() { echo "=== $(date +%T) $*"; }
has() { case " $PHASES " in *" $1 "*) return 0;; *) return 1;; esac; }
nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap,clocks.max.sm --format=csv
lscpu | grep -E 'Model name|^CPU\(s\)|Thread|Core'
step synth
( for m in $MODELS_PARITY; do jantune model synth --preset "$m" --quant q4_0 && rm -f models/"$m"-f16*.gguf; done
  if has moe; then jantune model synth --preset qwen3-30b-a3b --quant q4_k_m; fi ) > out/synth.log 2>&1 &
synth=$!
vkbuild=
if has vulkan; then
  VK=/opt/vk; mkdir -p $VK; for f in "$R"/.devcarry/vkdev/*.deb; do dpkg -x "$f" $VK; done
  setsid bash -c "export LD_LIBRARY_PATH=$VK/usr/lib/x86_64-linux-gnu
    cmake -S src -B vk-build -G Ninja -DCMAKE_BUILD_TYPE=Release -DGGML_VULKAN=ON -DGGML_NATIVE=ON -DLLAMA_BUILD_TESTS=OFF \
      -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_USE_PREBUILT_UI=OFF -DCMAKE_PREFIX_PATH='$VK/usr;$VK/usr/share/cmake' \
      -DVulkan_INCLUDE_DIR=$VK/usr/include -DVulkan_LIBRARY=/usr/lib/x86_64-linux-gnu/libvulkan.so.1 \
      -DVulkan_GLSLC_EXECUTABLE=$VK/usr/bin/glslc && nice -n 19 cmake --build vk-build --target llama-bench -j 8" > out/vk-build.log 2>&1 &
  vkbuild=$!
fi
# Nothing may build while something is timed (ggml's threads busy-wait): the Vulkan build's process group is stopped.
quiet() { [ -n "$vkbuild" ] && kill -0 "$vkbuild" 2>/dev/null && { kill -STOP -- -"$vkbuild"; step "vulkan build paused"; }; }
step build cuda; time jantune backends build cuda --source "$W/src" --arch native -j 16 > out/build.log 2>&1 || { tail -30 out/build.log; exit 1; }
readelf -d .native/cuda/libggml-cuda.so | grep -E 'NEEDED|RUNPATH|SONAME' | tee out/cuda-lib-readelf.txt
variant=$(jantune hw | grep 'CPU variant' | grep -oE 'ggml-cpu-[a-z0-9]+|\b(x64|sse42|sandybridge|ivybridge|piledriver|haswell|skylakex|icelake|cascadelake|cooperlake|cannonlake|alderlake|sapphirerapids|zen4)\b' | head -1)
variant=ggml-cpu-${variant#ggml-cpu-}; echo "CPU variant $variant"
step build ref; BENCH=$(CPU_VARIANTS=$variant REF_TARGETS="llama-bench llama-server llama-fit-params" scripts/build-llama-ref.sh cuda 16 2> out/ref.log | tail -1) || { tail -30 out/ref.log; exit 1; }
echo "$BENCH" > out/bench-dir; ls "$BENCH"
NPMBENCH=$(scripts/build-bench-on-npm.sh cuda 2>> out/bench-npm-build.log | tail -1)
wait $synth; tail -4 out/synth.log
quiet
paths() { local p=""; for m in $MODELS_PARITY; do p="$p $W/models/$m-q4_0.gguf"; done; echo $p; }
for phase in $PHASES; do
  case $phase in
    moe) step moe; REPS=${MOE_REPS:-3} BENCH_DIR=$BENCH bash scripts/gpu-moe.sh ;;
    parity)
      for m in $MODELS_PARITY; do
        v=NGLS_$m; step "parity cuda $m (NGL ${!v:-0 half all all+1}, $REPS repetitions, $ROUNDS rounds)"
        BENCH="src=$BENCH npm=$NPMBENCH" MODELS="$W/models/$m-q4_0.gguf" BACKEND=cuda THREADS=16 FA=on REPS=$REPS ROUNDS=$ROUNDS \
          NGLS="${!v:-0 half all all+1}" OUT=$W/out/parity-$m PROFILE=parity-$m scripts/bench-parity.sh
      done ;;
    serve) step serve; bash scripts/gpu-serve.sh ;;
    vulkan)
      VKB=$(scripts/build-bench-on-npm.sh vulkan 2>> out/vk-npm-build.log | tail -1)
      if [ -n "$vkbuild" ] && kill -0 "$vkbuild" 2>/dev/null; then step "vulkan source build resumed"; kill -CONT -- -"$vkbuild"; wait "$vkbuild"; fi
      tail -3 out/vk-build.log; refs="npm=$VKB"; [ -x vk-build/bin/llama-bench ] && refs="src=$W/vk-build/bin $refs"
      step "parity vulkan ($refs)"; BENCH=$refs MODELS="$(paths)" BACKEND=vulkan NGLS="all+1" THREADS=16 FA=on REPS=$REPS ROUNDS=$ROUNDS \
        OUT=$W/out/parity-vk PROFILE=parity-vk scripts/bench-parity.sh ;;
  esac
done
step done all
