using System.Globalization;
using System.Text.Json.Serialization;
using JanTune.Core.Gguf;
using JanTune.Core.Inference;

namespace JanTune.Core.Sweeps;

/// <summary>
/// One point of the configuration space: everything that changes speed or memory. A value, like BenchmarkDotNet's Job.
/// Ordering the fields by reload cost: backend, model and NGL need a new model; context, batch, cache and flash
/// attention a new context; threads change in place.
/// </summary>
public sealed record TrialConfig
{
    /// <summary>cpu, vulkan or cuda.</summary>
    public required string Backend { get; init; }

    /// <summary>Path of the GGUF file (absolute, or relative to the workspace).</summary>
    public required string ModelPath { get; init; }

    /// <summary>Quantization label, e.g. q4_0, q8_0, f16 (from the file, for grouping).</summary>
    public required string Quant { get; init; }

    /// <summary>Layers offloaded to the GPU: 0 = CPU only, layers + 1 = every repeating layer and the output layer.</summary>
    public int GpuLayers { get; init; }

    public int Threads { get; init; } = 1;

    public int BatchSize { get; init; } = 2048;

    public int UBatchSize { get; init; } = 512;

    public int ContextSize { get; init; } = 4096;

    public FlashAttention FlashAttention { get; init; } = FlashAttention.Auto;

    /// <summary>KV cache type for both K and V.</summary>
    public GgmlType CacheType { get; init; } = GgmlType.F16;

    /// <summary>CPU weight repacking (use_extra_bufts).</summary>
    public bool WeightRepack { get; init; } = true;

    public SplitMode SplitMode { get; init; } = SplitMode.Layer;

    /// <summary>Comma-separated tensor split proportions; empty = by free memory.</summary>
    public string TensorSplit { get; init; } = string.Empty;

    /// <summary>llama.cpp's default multi-GPU split: layers, proportioned by free memory.</summary>
    [JsonIgnore]
    public bool HasDefaultSplit => SplitMode == SplitMode.Layer && TensorSplit.Length == 0;

    /// <summary>The split as people write it: "none", "layer", "tensor 3,1".</summary>
    [JsonIgnore]
    public string SplitText => SplitMode.ToString().ToLowerInvariant() + (TensorSplit.Length > 0 ? " " + TensorSplit : string.Empty);

    /// <summary>What requires a model reload: configs with equal keys share a loaded model.</summary>
    public string ModelKey => string.Join('|', Backend, ModelPath, GpuLayers.ToString(CultureInfo.InvariantCulture), WeightRepack ? "repack" : "norepack", SplitMode, TensorSplit);

    /// <summary>What requires a new context on the same model.</summary>
    public string ContextKey => string.Join('|', ModelKey, ContextSize.ToString(CultureInfo.InvariantCulture), BatchSize.ToString(CultureInfo.InvariantCulture), UBatchSize.ToString(CultureInfo.InvariantCulture), FlashAttention, CacheType);

    /// <summary>Canonical identity of the configuration (stable across runs and processes).</summary>
    public string Key => string.Join('|', ContextKey, "t" + Threads.ToString(CultureInfo.InvariantCulture));

    public ModelLoadOptions ToModelLoadOptions() => new()
    {
        GpuLayers = GpuLayers,
        WeightRepack = WeightRepack,
        SplitMode = SplitMode,
        TensorSplit = string.IsNullOrEmpty(TensorSplit) ? [] : TensorSplit.Split(',').Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray(),
    };

    public ContextOptions ToContextOptions(int maxSequences = 1) => new()
    {
        ContextSize = ContextSize,
        BatchSize = BatchSize,
        UBatchSize = UBatchSize,
        Threads = Threads,
        ThreadsBatch = Threads,
        FlashAttention = FlashAttention,
        TypeK = CacheType,
        TypeV = CacheType,
        MaxSequences = maxSequences,
    };
}
