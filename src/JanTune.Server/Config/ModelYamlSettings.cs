using JanTune.Core.Inference;

namespace JanTune.Server.Config;

/// <summary>The llama.cpp settings a Jan model.yml may hold; null = not given (keep the default or the flag).</summary>
public sealed record ModelYamlSettings
{
    public string? ModelPath { get; init; }

    public int? GpuLayers { get; init; }

    public int? ContextSize { get; init; }

    public int? Threads { get; init; }

    public int? ThreadsBatch { get; init; }

    public int? BatchSize { get; init; }

    public int? UBatchSize { get; init; }

    public FlashAttention? FlashAttention { get; init; }

    public KvCacheType? CacheTypeK { get; init; }

    public KvCacheType? CacheTypeV { get; init; }

    public int? Parallel { get; init; }
}
