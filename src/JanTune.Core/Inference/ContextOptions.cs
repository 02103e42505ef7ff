using JanTune.Core.Gguf;
using JanTune.Native;

namespace JanTune.Core.Inference;

/// <summary>Per-context settings: change these with a new context, not a new model.</summary>
public sealed record ContextOptions
{
    /// <summary>Context length in tokens; 0 = the model's training context.</summary>
    public int ContextSize { get; init; } = 4096;

    /// <summary>Logical batch: the most tokens one <see cref="LlamaContext.Decode"/> may carry.</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Physical batch the graph is computed in.</summary>
    public int UBatchSize { get; init; } = 512;

    /// <summary>Threads for single-token generation.</summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Threads for prompt processing; 0 = same as <see cref="Threads"/>.</summary>
    public int ThreadsBatch { get; init; }

    /// <summary>The CPU threadpool's poll level, mask, strictness and priority (llama-bench's defaults).</summary>
    public CpuThreadpoolSettings Threadpool { get; init; } = CpuThreadpoolSettings.Default;

    public FlashAttention FlashAttention { get; init; } = FlashAttention.Auto;

    public GgmlType TypeK { get; init; } = GgmlType.F16;

    public GgmlType TypeV { get; init; } = GgmlType.F16;

    /// <summary>Sequences decoded together (server slots).</summary>
    public int MaxSequences { get; init; } = 1;

    /// <summary>Keep the KV cache on the GPU with the offloaded layers.</summary>
    public bool OffloadKqv { get; init; } = true;

    /// <summary>
    /// One KV buffer shared by all sequences. Off (llama.cpp's and llama-bench's default), each sequence gets its own
    /// stream of n_ctx / sequences cells, and a sequence's results no longer depend on which other sequences share its
    /// batches. On, llama_decode validates every batch against all 256 possible sequences (LLAMA_MAX_SEQ): about 100 µs
    /// per call measured on the 2-core machine, 8% of a token at 800 t/s.
    /// </summary>
    public bool KvUnified { get; init; }
}

/// <summary>llama_flash_attn_type.</summary>
public enum FlashAttention
{
    Auto = -1,
    Off = 0,
    On = 1,
}
