#!/usr/bin/env bash
# Builds the reference tools, llama-bench and llama-server, from the llama.cpp source JanTune binds (node-llama-cpp
# 3.22.1's bundle, fetched and sha512-checked by `jantune backends source`), never from anywhere else.
#   scripts/build-llama-ref.sh cpu  [jobs]   CPU only, -march=native (the 2-core machines)
#   scripts/build-llama-ref.sh cuda [jobs]   the build folder of `jantune backends build cuda` (llama.cpp's top-level
#                                            CMake, CUDA graphs on, every CPU variant): one build gives JanTune's
#                                            libggml-cuda.so and the reference tools alike
# Prints the folder holding llama-bench and llama-server on its last line.
# JANTUNE (default: jantune on PATH, else `dotnet run` of this checkout) and LLAMA_SRC (an unpacked source) override.
set -euo pipefail
backend=${1:?usage: build-llama-ref.sh cpu|cuda [jobs]}
jobs=${2:-$(nproc)}
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -z "${JANTUNE:-}" ]; then
  if command -v jantune >/dev/null; then JANTUNE=jantune; else JANTUNE="dotnet run --project $root/src/JanTune.Cli -c Release --no-build --"; fi
fi
src=${LLAMA_SRC:-$($JANTUNE backends source | tail -1)}
home=${JANTUNE_HOME:-$root}
case "$backend" in
  cpu)
    build="$home/.cache/ref-cpu"
    cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DGGML_NATIVE=ON \
      -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_USE_PREBUILT_UI=OFF >&2
    cmake --build "$build" --target ${REF_TARGETS:-llama-bench llama-server} -j "$jobs" >&2 ;;
  cuda)
    build=$(ls -d "$home"/.cache/cuda-build-* 2>/dev/null | head -1)
    [ -n "$build" ] || { echo "no CUDA build folder: run \`jantune backends build cuda\` first" >&2; exit 1; }
    # CPU_VARIANTS (e.g. "ggml-cpu-zen4") limits the CPU backends built to the one this machine loads; default: all.
    variants=${CPU_VARIANTS:-$(cmake --build "$build" --target help | grep -oE '^ggml-cpu-[a-z0-9_]+' | sort -u | tr '\n' ' ')}
    cmake --build "$build" --target ${REF_TARGETS:-llama-bench llama-server} $variants -j "$jobs" >&2 ;;
  *) echo "backend must be cpu or cuda" >&2; exit 2 ;;
esac
echo "$build/bin"
