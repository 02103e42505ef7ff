#!/bin/sh
# llama-server with the configuration JanTune recommended for TinyLlama 1.1B Chat Q4_0
# -c is the total context: -np slots of 8192 tokens each (-no-kvu); --fit off keeps the tuned -ngl and -c
exec llama-server -m /models/tinyllama-1.1b-chat.Q4_0.gguf -ngl 23 -t 2 -tb 2 -c 8192 -np 1 -no-kvu -b 2048 -ub 512 -fa on -ctk q8_0 -ctv q8_0 --fit off --load-mode none --host 127.0.0.1 --port 8080 "$@"
