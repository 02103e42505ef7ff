#!/usr/bin/env bash
# Prepares a bare GPU machine (no dotnet, no network) to run JanTune from carried files:
#   .devcarry/jantune            self-contained single-file publish (dotnet publish -r linux-x64 ... PublishTrimmed)
#   .devcarry/native.tar.xz      .native/{cpu,vulkan,cuda} from `jantune backends install`, minus the prebuilt
#                                libggml-cuda.so (its PTX cannot run on sm_90 with driver 580; we build it here)
#   .devcarry/ggml-src.tar.xz    ggml/ of the llama.cpp source in node-llama-cpp@3.22.1's gitRelease.bundle
#   .gl/*.deb                    the Vulkan loader (the GPU image has none)
set -euo pipefail
for f in .gl/*.deb; do dpkg -x "$f" /; done
ldconfig
if [ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ]; then
  export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
fi
tar -xJf .devcarry/native.tar.xz
mkdir -p /tmp/jt-src && tar -C /tmp/jt-src -xJf .devcarry/ggml-src.tar.xz
chmod +x .devcarry/jantune
export PATH="$PWD/.devcarry:$PATH"
nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv
time jantune backends build cuda --source /tmp/jt-src/ggml --arch native -j "$(nproc)" | tail -3
