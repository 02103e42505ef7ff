#!/usr/bin/env bash
# The test command: provisions what the tests need on a machine that has only the .NET SDK and Node.js, then runs
# every test. The tests fetch the pinned llama.cpp CPU libraries with npm on first use; the report's browser test
# needs Debian's chromium, and the chart snapshots the DejaVu Sans font ScottPlot draws with (fonts-dejavu-core), both
# installed here with apt when missing (as root, or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if ! command -v chromium >/dev/null 2>&1 || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  echo "test: installing chromium and fonts-dejavu-core for the report tests (apt)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
    || { echo "test: could not install chromium; install it with \`apt-get install -y chromium fonts-dejavu-core\` and run again" >&2; exit 1; }
fi
dotnet build JanTune.sln -c Release --nologo -v q
dotnet run --project src/JanTune.Cli -c Release --no-build -- backends install cpu
# One test assembly at a time (-m:1): each assembly decodes with ggml's busy-waiting CPU threads, and two at once on a
# 2-core machine starve each other (a full run timed a 16-token request out after 60 s that answers in under 1 s alone).
dotnet test JanTune.sln -c Release --no-build --nologo -m:1 "$@"
# Every fuzz target for a short fixed budget (JANTUNE_FUZZ_SECONDS each, 8 by default; 0 skips); fails on a crash or hang.
if [ "${JANTUNE_FUZZ_SECONDS:-8}" != "0" ]; then
  scripts/fuzz.sh "${JANTUNE_FUZZ_SECONDS:-8}"
fi
