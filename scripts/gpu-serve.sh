#!/usr/bin/env bash
# After gpu-all.sh's builds on the same machine: jantune serve vs llama-server (7b Q4_0, full
# offload, 4 slots of 2048 context, 16 threads), both driven by scripts/serve-bench.py.
set -uo pipefail
W=/tmp/jtw; cd "$W"; export JANTUNE_HOME=$W PATH="$W:$PATH"
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
BENCH=$(cat out/bench-dir); M=$W/models/7b-q4_0.gguf
step() { echo "=== $(date +%T) $*"; }
healthy() { python3 -c "import urllib.request,sys; urllib.request.urlopen(sys.argv[1], timeout=2)" "$1" 2>/dev/null; }
step serve llama-server; "$BENCH/llama-server" -m "$M" -ngl 99 -np 4 -c 8192 -t 16 -fa on --port 8081 > out/llama-server.log 2>&1 &
srv=$!; for i in $(seq 60); do healthy http://127.0.0.1:8081/health && break; sleep 1; done
python3 scripts/serve-bench.py http://127.0.0.1:8081 1 256 2; python3 scripts/serve-bench.py http://127.0.0.1:8081 4 256 2
kill $srv; wait $srv 2>/dev/null
step serve jantune; jantune serve --model "$M" --backend cuda --ngl 99 --parallel 4 --ctx 2048 --threads 16 --flash-attn on --port 8082 > out/jantune-serve.log 2>&1 &
srv=$!; for i in $(seq 90); do healthy http://127.0.0.1:8082/health && break; sleep 1; done
python3 scripts/serve-bench.py http://127.0.0.1:8082 1 256 2; python3 scripts/serve-bench.py http://127.0.0.1:8082 4 256 2
kill $srv; wait $srv 2>/dev/null
step done serve
