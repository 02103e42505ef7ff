using System.Text.Json.Serialization;

namespace JanTune.Core.Export;

/// <summary>
/// The load settings of Jan's llama.cpp extension, as key → value. Keys follow the setting keys of
/// janhq/jan extensions/llamacpp-extension/settings.json (commit 026b21f: threads, threads_batch, batch_size,
/// ubatch_size, device, split_mode, main_gpu, flash_attn, cont_batching, no_mmap, mlock, cache_type_k/v) plus the
/// per-model n_gpu_layers, ctx_size and parallel. flash_attn is the newer auto/on/off string (older builds used a
/// checkbox).
/// </summary>
public sealed record JanLlamacppSettings
{
    [JsonPropertyName("n_gpu_layers")]
    public int NGpuLayers { get; init; }

    [JsonPropertyName("ctx_size")]
    public int CtxSize { get; init; }

    [JsonPropertyName("threads")]
    public int Threads { get; init; }

    [JsonPropertyName("threads_batch")]
    public int ThreadsBatch { get; init; }

    [JsonPropertyName("batch_size")]
    public int BatchSize { get; init; }

    [JsonPropertyName("ubatch_size")]
    public int UBatchSize { get; init; }

    [JsonPropertyName("flash_attn")]
    public string FlashAttn { get; init; } = "auto";

    [JsonPropertyName("cache_type_k")]
    public string CacheTypeK { get; init; } = "f16";

    [JsonPropertyName("cache_type_v")]
    public string CacheTypeV { get; init; } = "f16";

    [JsonPropertyName("no_mmap")]
    public bool NoMmap { get; init; }

    [JsonPropertyName("mlock")]
    public bool Mlock { get; init; }

    [JsonPropertyName("cont_batching")]
    public bool ContBatching { get; init; }

    [JsonPropertyName("parallel")]
    public int Parallel { get; init; } = 1;

    [JsonPropertyName("device")]
    public string Device { get; init; } = string.Empty;

    [JsonPropertyName("split_mode")]
    public string SplitMode { get; init; } = "layer";

    [JsonPropertyName("main_gpu")]
    public int MainGpu { get; init; }
}
