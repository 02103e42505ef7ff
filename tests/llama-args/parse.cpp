// Parses a llama-server command line with llama.cpp's own argument parser (common_params_parse, common/arg.h of the
// pinned source) and prints the fields JanTune tunes as one JSON object, so a test can check that what JanTune exports
// is what llama-server would run. Built by tests/llama-args/build.sh against the pinned headers and the npm
// libllama-common.so; nothing else of llama-server runs.
//
// Usage: parse [llama-server arguments...]   (argv[0] stands for llama-server)
// Exit: 0 with JSON on stdout; 2 when llama.cpp's parser rejects the arguments (its message on stderr).

#include "arg.h"
#include "common.h"
#include "llama.h"

#include <cstdio>
#include <string>

static std::string quoted(const std::string & s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

static const char * split_name(llama_split_mode m) {
    switch (m) {
        case LLAMA_SPLIT_MODE_NONE:  return "none";
        case LLAMA_SPLIT_MODE_LAYER: return "layer";
        case LLAMA_SPLIT_MODE_ROW:   return "row";
        default:                     return "tensor";
    }
}

// The CPU mask as hex, bit i = CPU i ("0x0" when none is set), the way JanTune and parse_cpu_mask spell it.
static std::string mask_hex(const common_cpu_params & p) {
    int last = -1;
    for (int i = 0; i < GGML_MAX_N_THREADS; i++) {
        if (p.cpumask[i]) {
            last = i;
        }
    }
    std::string hex = "0x";
    if (last < 0) {
        return hex + "0";
    }
    for (int top = (last / 4) * 4; top >= 0; top -= 4) {
        int nibble = 0;
        for (int b = 0; b < 4; b++) {
            nibble |= p.cpumask[top + b] ? 1 << b : 0;
        }
        hex += "0123456789abcdef"[nibble];
    }
    return hex;
}

static void print_pool(const char * name, const common_cpu_params & p) {
    printf("\"%s_poll\": %u, \"%s_prio\": %d, \"%s_strict\": %s, \"%s_mask\": \"%s\", ", name, p.poll, name, (int) p.priority, name,
           p.strict_cpu ? "true" : "false", name, mask_hex(p).c_str());
}

int main(int argc, char ** argv) {
    common_params params;
    if (!common_params_parse(argc, argv, params, LLAMA_EXAMPLE_SERVER)) {
        return 2;
    }

    std::string split;
    size_t last = 0;
    for (size_t i = 0; i < llama_max_devices(); i++) {
        if (params.tensor_split[i] != 0.0f) {
            last = i + 1;
        }
    }
    for (size_t i = 0; i < last; i++) {
        char buf[32];
        snprintf(buf, sizeof buf, "%s%g", i ? "," : "", params.tensor_split[i]);
        split += buf;
    }

    printf("{\"model\": %s, ", quoted(params.model.path).c_str());
    printf("\"n_gpu_layers\": %d, \"split_mode\": \"%s\", \"tensor_split\": %s, ", params.n_gpu_layers, split_name(params.split_mode), quoted(split).c_str());
    printf("\"no_extra_bufts\": %s, \"load_mode\": \"%s\", \"fit_params\": %s, ", params.no_extra_bufts ? "true" : "false", llama_load_mode_name(params.load_mode), params.fit_params ? "true" : "false");
    printf("\"n_ctx\": %d, \"n_parallel\": %d, \"kv_unified\": %s, ", params.n_ctx, params.n_parallel, params.kv_unified ? "true" : "false");
    printf("\"n_batch\": %d, \"n_ubatch\": %d, ", params.n_batch, params.n_ubatch);
    printf("\"n_threads\": %d, \"n_threads_batch\": %d, ", params.cpuparams.n_threads, params.cpuparams_batch.n_threads);
    print_pool("pool", params.cpuparams);
    print_pool("pool_batch", params.cpuparams_batch);
    // --cpu-moe, --n-cpu-moe and -ot, in the order llama-server applies them, as "pattern=BUFT,..."
    std::string overrides;
    for (const auto & o : params.tensor_buft_overrides) {
        if (o.pattern == nullptr) {
            break;
        }
        overrides += (overrides.empty() ? "" : ",") + std::string(o.pattern) + "=" + ggml_backend_buft_name(o.buft);
    }
    printf("\"tensor_buft_overrides\": %s, ", quoted(overrides).c_str());
    printf("\"flash_attn\": \"%s\", ", llama_flash_attn_type_name(params.flash_attn_type));
    printf("\"cache_type_k\": \"%s\", \"cache_type_v\": \"%s\", ", ggml_type_name(params.cache_type_k), ggml_type_name(params.cache_type_v));
    printf("\"host\": %s, \"port\": %d}\n", quoted(params.hostnames.empty() ? "" : params.hostnames[0]).c_str(), params.port);
    return 0;
}
