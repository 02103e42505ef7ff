#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser that takes outside bytes (tests/JanTune.Fuzz): SharpFuzz instruments
# JanTune.Core and JanTune.Server, afl-fuzz (AFL++ from Debian) drives each target from its committed seed corpus.
#
#   scripts/fuzz.sh                      every target for 10 s (what CI runs through scripts/test.sh)
#   scripts/fuzz.sh 3600                 every target for an hour
#   scripts/fuzz.sh 600 gguf tune-json   chosen targets, 10 minutes each
#   FUZZ_EXECS=10000000 scripts/fuzz.sh 3600   each target until 10 million executions or an hour, whichever is first
#
# Exits 1 when a target crashed or hung (an exception other than the parser's documented error, or no answer within
# the timeout); the inputs are copied to .cache/fuzz/findings/<target>/ and replay with
#   tests/JanTune.Fuzz/bin/Release/net10.0/JanTune.Fuzz <target> <file>
# AFL++ comes from Debian with `apt-get download` and is unpacked under .cache/afl (nothing installed system-wide).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(gguf tune-json serve-config openai-request profile-archive recommended-json installed-manifest)
case "$seconds" in ''|*[!0-9]*) echo "fuzz: the first argument is seconds per target, got '$seconds'" >&2; exit 2;; esac
execs="${FUZZ_EXECS:-}"
case "$execs" in *[!0-9]*) echo "fuzz: FUZZ_EXECS is a number of executions, got '$execs'" >&2; exit 2;; esac
budget=(-V "$seconds"); [ -n "$execs" ] && budget+=(-E "$execs")

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
root="${FUZZ_ROOT:-$PWD/.cache/fuzz}"  # FUZZ_ROOT: a separate folder lets two runs go side by side
mkdir -p "$root"

afl="$(command -v afl-fuzz || true)"
if [ -z "$afl" ]; then
  afl="$PWD/.cache/afl/usr/bin/afl-fuzz"
  if [ ! -x "$afl" ]; then
    echo "fuzz: fetching AFL++ from Debian (apt-get download afl++)"
    tmp="$(mktemp -d)"
    ( cd "$tmp" && { apt-get download afl++ >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get download afl++ >/dev/null 2>&1; }; } ) \
      || { echo "fuzz: could not download afl++ with apt-get; install it with \`apt-get install afl++\` and run again" >&2; exit 1; }
    dpkg-deb -x "$tmp"/afl++_*.deb "$PWD/.cache/afl"
    rm -rf "$tmp"
  fi
fi

# A fresh publish each run: sharpfuzz instruments the assemblies in place and refuses to do it twice.
bin="$root/bin"
rm -rf "$bin"
dotnet tool restore >/dev/null
dotnet publish tests/JanTune.Fuzz -c Release -o "$bin" --nologo -v q >/dev/null
for dll in JanTune.Core.dll JanTune.Server.dll; do
  dotnet tool run sharpfuzz "$bin/$dll" >/dev/null
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 \
  AFL_FORKSRV_INIT_TMOUT=60000 AFL_QUIET=1
failed=0
summary="$root/summary.txt"
printf '%-17s %8s %12s %10s %8s %10s %7s %6s\n' target seconds execs execs/s edges bitmap corpus crash > "$summary"
for t in "${targets[@]}"; do
  [ -d "tests/JanTune.Fuzz/corpus/$t" ] || { echo "fuzz: no target '$t' (no tests/JanTune.Fuzz/corpus/$t)" >&2; exit 2; }
  out="$root/out/$t"
  rm -rf "$out"
  mkdir -p "$root/out"
  echo "fuzz: $t for ${seconds}s${execs:+ or $execs executions}"
  # -t 10000: a parser that takes 10 s on one input counts as hung (the shared 2-core machines are slow, not that slow).
  "$afl" -i "tests/JanTune.Fuzz/corpus/$t" -o "$out" "${budget[@]}" -t 10000 -m none -- "$bin/JanTune.Fuzz" "$t" \
    > "$root/$t.log" 2>&1 || { echo "fuzz: afl-fuzz failed on $t; see $root/$t.log" >&2; tail -20 "$root/$t.log" >&2; exit 1; }
  stats="$out/default/fuzzer_stats"
  get() { awk -F' *: *' -v k="$1" '$1==k {print $2}' "$stats"; }
  crashes=$(find "$out/default/crashes" "$out/default/hangs" -type f -name 'id:*' 2>/dev/null | wc -l)
  printf '%-17s %8s %12s %10s %8s %10s %7s %6s\n' "$t" "$(get run_time)" "$(get execs_done)" "$(get execs_per_sec)" \
    "$(get edges_found)" "$(get bitmap_cvg)" "$(get corpus_count)" "$crashes" >> "$summary"
  if [ "$crashes" -gt 0 ]; then
    failed=1
    mkdir -p "$root/findings/$t"
    find "$out/default/crashes" "$out/default/hangs" -type f -name 'id:*' -exec cp {} "$root/findings/$t/" \;
    echo "fuzz: $t: $crashes crashing or hanging inputs in $root/findings/$t (replay: $bin/JanTune.Fuzz $t FILE)" >&2
  fi
done
cat "$summary"
[ "$failed" -eq 0 ] && echo "fuzz: no crash, no hang" || { echo "fuzz: FAILED" >&2; exit 1; }
