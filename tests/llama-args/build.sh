#!/bin/sh
# Builds tests/llama-args/parse: llama.cpp's own llama-server argument parser (common_params_parse) compiled against
# the pinned source's headers (`jantune backends source`) and linked against the npm CPU libraries in .native/cpu,
# which ship libllama-common.so built from that same source.
# Usage: tests/llama-args/build.sh [repo root]   Prints the program's path. Needs g++.
set -eu
root=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
src="$root/.cache/llama-src"
lib="$root/.native/cpu"
out="$root/.cache/llama-args"
[ -f "$src/common/arg.h" ] || { echo "pinned llama.cpp source missing: run jantune backends source" >&2; exit 3; }
[ -f "$lib/libllama-common.so" ] || { echo "CPU libraries missing: run jantune backends install cpu" >&2; exit 3; }
command -v g++ >/dev/null || { echo "g++ not found" >&2; exit 4; }
mkdir -p "$out"
g++ -std=c++17 -O0 -o "$out/parse" "$root/tests/llama-args/parse.cpp" \
    -I"$src/common" -I"$src/include" -I"$src/ggml/include" -I"$src/vendor" \
    -L"$lib" -l:libllama-common.so -l:libllama.v0.5.0.so -l:libggml.v0.5.0.so -l:libggml-base.so \
    -Wl,-rpath,"$lib"
# llama-server finds its CPU backend beside itself (ggml_backend_load_all searches the executable's folder); -ot
# names buffer types of the loaded backends, so the parser needs them there too.
for f in "$lib"/libggml-cpu-*.so; do ln -sf "$f" "$out/"; done
echo "$out/parse"
