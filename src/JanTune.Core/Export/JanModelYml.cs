namespace JanTune.Core.Export;

/// <summary>
/// Jan's per-model <c>llamacpp/models/&lt;id&gt;/model.yml</c>, with the keys Jan's llamacpp extension reads
/// (janhq/jan extensions/llamacpp-extension/src/index.ts import(): model_path, name, size_bytes, model_sha256,
/// embedding; src/preset.ts: the load settings it turns into the model's router-preset section). Null = not set.
/// </summary>
public sealed record JanModelYml
{
    /// <summary>Absolute, or relative to Jan's data folder.</summary>
    public string ModelPath { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public long SizeBytes { get; init; }

    public bool Embedding { get; init; }

    public string? ModelSha256 { get; init; }

    /// <summary>-1 = auto (llama.cpp's fit decides), -2 or less = all.</summary>
    public int? NGpuLayers { get; init; }

    /// <summary>0 = the model's trained context.</summary>
    public int? CtxSize { get; init; }

    public int? BatchSize { get; init; }

    public int? UbatchSize { get; init; }

    /// <summary>on or off; absent = auto.</summary>
    public string? FlashAttn { get; init; }

    public string? CacheTypeK { get; init; }

    public string? CacheTypeV { get; init; }

    /// <summary>User-visible slots; Jan starts two more for background requests.</summary>
    public int? Parallel { get; init; }

    public bool? ContBatching { get; init; }

    /// <summary>Every layer's routed experts on the CPU (preset.ts: cpu-moe).</summary>
    public bool? CpuMoe { get; init; }

    /// <summary>Routed experts of the first N layers on the CPU (preset.ts: n-cpu-moe).</summary>
    public int? NCpuMoe { get; init; }
}
