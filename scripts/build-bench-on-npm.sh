#!/usr/bin/env bash
# Compiles llama-bench from the pinned source (tools/llama-bench) against JanTune's own installed npm libraries of a
# backend (.native/<backend>: libllama, libggml, libllama-common and the backend modules of the same source), into a
# copy of that folder. Its figures beside JanTune's then differ only by the harness, never by the build.
#   scripts/build-bench-on-npm.sh cpu|vulkan|cuda [out-dir]     prints the folder holding llama-bench
# Needs g++; JANTUNE_HOME (default: this checkout) holds .native; LLAMA_SRC overrides `jantune backends source`.
set -euo pipefail
backend=${1:?usage: build-bench-on-npm.sh cpu|vulkan|cuda [out-dir]}
root=$(cd "$(dirname "$0")/.." && pwd)
home=${JANTUNE_HOME:-$root}
out=${2:-$home/.cache/bench-npm-$backend}
if [ -z "${JANTUNE:-}" ]; then
  if command -v jantune >/dev/null; then JANTUNE=jantune; else JANTUNE="dotnet run --project $root/src/JanTune.Cli -c Release --no-build --"; fi
fi
src=${LLAMA_SRC:-$($JANTUNE backends source | tail -1)}
lib="$home/.native/$backend"
[ -d "$lib" ] || { echo "no $lib: run \`jantune backends install $backend\` first" >&2; exit 1; }
rm -rf "$out"; mkdir -p "$out"; cp -a "$lib/." "$out/"
# The npm build names its libraries per backend (libllama.<backend>.v*.so); llama-bench links the plain names.
ln -sf "$(cd "$out" && ls libllama.*so | grep -v common | head -1)" "$out/libllama.so"
ln -sf "$(cd "$out" && ls libggml.*so | head -1)" "$out/libggml.so"
g++ -O2 -DNDEBUG -std=c++17 -I"$src/include" -I"$src/ggml/include" -I"$src/common" -I"$src/vendor" -I"$src/tools/llama-bench" \
  "$src/tools/llama-bench/main.cpp" "$src/tools/llama-bench/llama-bench.cpp" -o "$out/llama-bench" \
  -L"$out" -l:libllama-common.so -lllama -lggml -lggml-base -Wl,-rpath,'$ORIGIN' -pthread >&2
echo "$out"
