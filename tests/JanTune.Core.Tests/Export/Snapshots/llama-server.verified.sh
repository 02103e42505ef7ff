#!/bin/sh
# llama-server with the configuration JanTune recommended for TinyLlama 1.1B Chat Q4_0
exec llama-server -m /models/tinyllama-1.1b-chat.Q4_0.gguf -ngl 23 -t 2 -tb 2 -c 8192 -b 2048 -ub 512 -fa on -ctk q8_0 -ctv q8_0 --no-mmap -np 1 --host 127.0.0.1 --port 8080 "$@"
