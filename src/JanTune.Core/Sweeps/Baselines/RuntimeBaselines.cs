using System.Globalization;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;
using JanTune.Core.Sweeps.Planning;

namespace JanTune.Core.Sweeps.Baselines;

/// <summary>
/// Each runtime's out-of-the-box configuration for this machine and model, derived from the runtime's own source
/// (the pinned llama.cpp; janhq/jan; ollama/ollama) and added to a sweep plan so that it is measured in the same run as
/// the grid: what tuning bought is then a ratio of two measurements, never of a measurement and a guess. Runtimes whose
/// defaults come out equal share one trial with both labels.
/// </summary>
public static class RuntimeBaselines
{
    private const string LlamaCommon = "ggml-org/llama.cpp common/common.h (pinned build)";

    /// <summary>Appends the baselines of every backend and model to <paramref name="plan"/>, each test of the spec once.</summary>
    public static SweepPlan AddTo(SweepPlan plan, IReadOnlyList<TrialTest> tests, IReadOnlyList<ResolvedModel> models, IReadOnlyList<string> backends, MachineDefaults machine)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(tests);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(backends);
        ArgumentNullException.ThrowIfNull(machine);
        var notes = new List<string>(plan.Notes);
        var added = new List<PlannedTrial>();
        foreach (var backend in backends)
        {
            foreach (var model in models)
            {
                if (TrainContext(model) is not { } train)
                {
                    notes.Add($"runtime baselines of {Path.GetFileName(model.Path)} not planned: the file has no trained context length, which every runtime's default context derives from");
                    continue;
                }

                foreach (var same in For(backend, model, train, machine).GroupBy(b => b.Config.Key, StringComparer.Ordinal))
                {
                    var labels = same.Select(b => b.Label).ToList();
                    var config = same.First().Config;
                    var who = string.Join(" = ", labels.Select(l => l.Runtime.Defaults()));
                    foreach (var test in tests)
                    {
                        if (test.Depth + test.Tokens > config.ContextSize)
                        {
                            notes.Add($"{who} ({backend}): {test.Name} not measured, it needs {test.Depth + test.Tokens} positions and the default context is {config.ContextSize}");
                            continue;
                        }

                        added.Add(new PlannedTrial(config, test, model) { Baselines = labels });
                    }
                }
            }
        }

        return plan with { Trials = [.. plan.Trials, .. added], Notes = notes };
    }

    /// <summary>The three runtimes' defaults for one backend and model file.</summary>
    public static IReadOnlyList<(BaselineLabel Label, TrialConfig Config)> For(string backend, ResolvedModel model, int trainContext, MachineDefaults machine)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(machine);
        var inv = CultureInfo.InvariantCulture;
        var gpu = backend != "cpu";
        var llama = new TrialConfig
        {
            Backend = backend,
            ModelPath = model.Path,
            Quant = model.Quant,
            GpuLayers = gpu ? -1 : 0,
            Threads = machine.MathThreads,
            BatchSize = 2048,
            UBatchSize = 512,
            ContextSize = trainContext,
            FlashAttention = FlashAttention.Auto,
            CacheType = GgmlType.F16,
        };
        var layers = gpu
            ? "n_gpu_layers -1 (auto) with fit on (" + LlamaCommon + ": n_gpu_layers = -1, fit_params = true); fit's layer choice is not computable here, so all layers are measured, which is what fit keeps when model and context fit with its 1024 MiB margin per device (common/fit.cpp)"
            : "n_gpu_layers 0: the CPU backend has no device to offload to";
        var threads = string.Create(inv, $"threads {machine.MathThreads} = threads_batch (common/common.cpp common_cpu_get_num_math: the physical cores; hybrid CPUs count performance cores only)");
        var serverLines = new List<string>
        {
            layers,
            string.Create(inv, $"ctx {trainContext}: n_ctx 0 = the model's trained context ({LlamaCommon}); fit lowers it only when memory is short (not below fit_params_min_ctx 4096)"),
            "parallel auto = 4 slots sharing one unified KV cache (tools/server/server.cpp); one sequence is measured, so the KV buffer is smaller than llama-server's, which changes memory, not speed at these depths",
            "n_batch 2048, n_ubatch 512, flash_attn auto, cache_type_k/v f16, weight repack on (no_extra_bufts false), load_mode auto (mmap), split_mode layer (" + LlamaCommon + ")",
            threads,
        };

        var janLines = new List<string>
        {
            "fit on (janhq/jan extensions/llamacpp-extension/src/preset.ts: fit unless the fit setting is false) and a model.yml without load keys (src/index.ts import writes model_path, name, size_bytes, model_sha256, embedding), so the router preset passes no ctx-size, n-gpu-layers, batch or threads: llama-server's defaults apply",
            "ctx-size 8192 is written only with fit off (preset.ts DEFAULT_CTX_SIZE); threads -1 and batch 2048/512 are not emitted (extensions/llamacpp-extension/settings.json defaults)",
            "parallel unset: llama.cpp's auto slots; with parallel set Jan adds 2 reserved slots and kv-unified (preset.ts RESERVED_BACKGROUND_SLOTS)",
        };

        var (ollamaCtx, tier) = OllamaContext(trainContext, machine.TotalVramBytes);
        var ollamaBatch = ollamaCtx > 32768 ? 2048 : ollamaCtx > 4096 ? 1024 : 512;
        var ollama = llama with { ContextSize = ollamaCtx, BatchSize = ollamaBatch, UBatchSize = ollamaBatch };
        var ollamaLines = new List<string>
        {
            string.Create(inv, $"num_ctx {ollamaCtx}: {tier} (ollama/ollama server/routes.go VRAM tiers 4096/32768/262144), capped at the trained context (server/sched.go effectiveContext); -c num_ctx x OLLAMA_NUM_PARALLEL 1 (envconfig/config.go, llm/llama_server.go)"),
            string.Create(inv, $"num_batch {ollamaBatch} as both -b and -ub (server/sched.go generationBatchForContext: 512 up to 4096 tokens, 1024 up to 32768, 2048 above; lowered when the predicted memory does not fit, not computed here; llm/llama_server.go appendBatchArgs)"),
            gpu ? "no -ngl (api/types.go NumGPU -1 = dynamic): llama-server's fit chooses the layers; " + layers : layers,
            "no -t (api/types.go NumThread 0, llm/llama_server.go): " + threads,
            "--flash-attn auto on CPU, Vulkan and CUDA compute 6+ (llm/llama_server.go LlamaServerFlashAttention, ml/device.go FlashAttentionSupported); KV f16 unless OLLAMA_KV_CACHE_TYPE; mmap unless use_mmap false (appendLoadModeArgs)",
        };

        return
        [
            (new BaselineLabel(BaselineRuntime.LlamaServer, serverLines), llama),
            (new BaselineLabel(BaselineRuntime.Jan, janLines), llama),
            (new BaselineLabel(BaselineRuntime.Ollama, ollamaLines), ollama),
        ];
    }

    /// <summary>Ollama's default context (server/routes.go): by total VRAM, capped at the trained context.</summary>
    private static (int Context, string Why) OllamaContext(int trainContext, long? totalVram)
    {
        const long GiB = 1L << 30;
        var (tier, why) = totalVram switch
        {
            null => (4096, "GPU memory unknown, the lowest tier"),
            >= 47 * GiB => (262144, "47 GiB or more of GPU memory"),
            >= 23 * GiB => (32768, "23 GiB or more of GPU memory"),
            _ => (4096, "under 23 GiB of GPU memory"),
        };
        return (Math.Min(tier, trainContext), why);
    }

    private static int? TrainContext(ResolvedModel model)
    {
        if (model.Preset is { } preset)
        {
            return preset.Context;
        }

        return GgufReader.Read(model.Path).ContextLength is { } n and > 0 and <= int.MaxValue ? (int)n : null;
    }
}
