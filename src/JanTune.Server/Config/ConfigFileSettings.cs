using JanTune.Core.Gguf;
using JanTune.Core.Inference;

namespace JanTune.Server.Config;

/// <summary>
/// The llama.cpp settings a runtime config file holds (Jan or cortex model.yml, a llama-server script, an Ollama
/// Modelfile); null = the file does not set it. <see cref="Origins"/> says which key of which file each value came
/// from, so serve can log it; <see cref="NotApplied"/> lists keys read that serve does not use (sampling defaults).
/// </summary>
public sealed record ConfigFileSettings
{
    /// <summary>Absolute: a relative path is already resolved the way the runtime resolves it.</summary>
    public string? ModelPath { get; init; }

    /// <summary>-1 = all layers (llama.cpp's library default; Jan's "auto" reads as this, serve does not fit).</summary>
    public int? GpuLayers { get; init; }

    /// <summary>Context per slot; 0 = the model's trained context.</summary>
    public int? ContextSize { get; init; }

    public int? Threads { get; init; }

    public int? ThreadsBatch { get; init; }

    public int? BatchSize { get; init; }

    public int? UBatchSize { get; init; }

    public FlashAttention? FlashAttention { get; init; }

    public GgmlType? CacheTypeK { get; init; }

    public GgmlType? CacheTypeV { get; init; }

    public int? Parallel { get; init; }

    public bool? KvUnified { get; init; }

    public bool? WeightRepack { get; init; }

    public bool? UseMmap { get; init; }

    /// <summary>n_cpu_moe: routed experts of layers 0..N-1 on the CPU (llama-server --n-cpu-moe, Jan model.yml n_cpu_moe).</summary>
    public int? CpuMoeLayers { get; init; }

    /// <summary>cpu_moe: every routed expert on the CPU (llama-server --cpu-moe, Jan model.yml cpu_moe).</summary>
    public bool? CpuMoe { get; init; }

    public SplitMode? SplitMode { get; init; }

    /// <summary>Comma-separated proportions, e.g. "3,1".</summary>
    public string? TensorSplit { get; init; }

    /// <summary>Property name → "file: key" it was read from.</summary>
    public IReadOnlyDictionary<string, string> Origins { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> NotApplied { get; init; } = [];

    public string? Origin(string property) => Origins.GetValueOrDefault(property);
}
