#!/usr/bin/env bash
# Re-runs issue 13's CUDA parity on the H200 with a changed harness, reusing a libggml-cuda.so built earlier by
# `jantune backends build cuda` (its xz pieces carried in .devcarry-cuda/, unpacked by an earlier call into
# /tmp/jtw/cuda-lib: the library and the rest do not fit one 64 MiB carry). Compares against llama-bench compiled
# from the pinned source on JanTune's own npm libraries plus that same libggml-cuda.so (scripts/build-bench-on-npm.sh),
# so the ratio is the harness alone.
#   call 1 (carry .devcarry-cuda): bash scripts/gpu-harness-check.sh unpack
#   call 2 (carry .devcarry):      MODELS="1b" NGLS="0 half all all+1" ROUNDS=2 bash scripts/gpu-harness-check.sh run
set -uo pipefail
R=$PWD W=/tmp/jtw
mkdir -p "$W" && cd "$W" && touch JanTune.sln
case "${1:-run}" in
  unpack)
    mkdir -p cuda-lib && cat "$R"/.devcarry-cuda/ggml-cuda.xz.* | xz -d > cuda-lib/libggml-cuda.so
    cp "$R/.devcarry-cuda/jantune-local-build.json" cuda-lib/ 2>/dev/null
    ls -la cuda-lib; exit 0 ;;
esac
if [ ! -x "$W/jantune" ]; then
  cp "$R/.devcarry/jantune" "$R/.devcarry/libe_sqlite3.so" "$W/" && chmod +x "$W/jantune"
  tar -xJf "$R/.devcarry/native.tar.xz"; mkdir -p src && tar -C src -xJf "$R/.devcarry/llama-src.tar.xz"
  cp cuda-lib/* .native/cuda/
  # A library built before the standalone-soname fix links libggml-base.so.0 through an absolute RUNPATH into its
  # build folder; point that name at the npm ggml-base beside it, so one ggml-base is loaded, as after the fix.
  rp=$(readelf -d .native/cuda/libggml-cuda.so | sed -n 's/.*runpath: \[\([^:]*\).*/\1/p')
  if readelf -d .native/cuda/libggml-cuda.so | grep -q 'libggml-base.so.0'; then
    mkdir -p "$rp" && ln -sf "$W/.native/cuda/libggml-base.so" "$rp/libggml-base.so.0"
  fi
fi
rm -rf "$W/scripts"; cp -r "$R/scripts" "$W/scripts"
export JANTUNE_HOME=$W PATH="$W:$PATH" JANTUNE=jantune LLAMA_SRC=$W/src
for m in ${MODELS:-1b}; do [ -f "models/$m-q4_0.gguf" ] || jantune model synth --preset "$m" --quant q4_0 | tail -1; done
[ -x .cache/bench-npm-cuda/llama-bench ] || scripts/build-bench-on-npm.sh cuda > /dev/null 2> bench-build.log || { tail bench-build.log; exit 1; }
paths=""; for m in ${MODELS:-1b}; do paths="$paths $W/models/$m-q4_0.gguf"; done
BENCH=$W/.cache/bench-npm-cuda MODELS="$paths" BACKEND=cuda THREADS=16 FA=on REPS=3 ROUNDS=${ROUNDS:-2} NGLS="${NGLS:-0 half all all+1}" \
  OUT=$W/out/${TAG:-check} PROFILE=${TAG:-check} scripts/bench-parity.sh
[ -n "${OUT:-}" ] && tar -czf "$OUT/${TAG:-check}.tgz" -C "$W/out" "${TAG:-check}"
