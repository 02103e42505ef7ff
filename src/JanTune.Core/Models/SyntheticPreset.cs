namespace JanTune.Core.Models;

/// <summary>
/// The shape of a synthetic model. Row lengths (embd, ff, expert ff, heads x head dim) of the real-size presets are
/// multiples of 256 so every llama.cpp quantization, K-quants included, applies to every matrix; tiny presets may use
/// multiples of 32, where llama.cpp falls back from a K-quant the way it does for real models of that shape.
/// </summary>
/// <remarks><see cref="FeedForward"/> is the dense FFN width; for a llama-architecture MoE (Mixtral) also each expert's width.</remarks>
public sealed record SyntheticPreset(string Name, int Layers, int Embd, int FeedForward, int Heads, int KvHeads, int Vocab, int Context)
{
    public SyntheticArchitecture Architecture { get; init; } = SyntheticArchitecture.Llama;

    /// <summary>Per-head dimension when it is not embd / heads (Qwen3: 128 whatever the width); also the RoPE dimension.</summary>
    public int? HeadDimension { get; init; }

    /// <summary>Routed experts per layer; 0 = a dense model.</summary>
    public int Experts { get; init; }

    /// <summary>Experts each token is routed to (top-k).</summary>
    public int ExpertsUsed { get; init; }

    /// <summary>Qwen3-MoE's <c>expert_feed_forward_length</c>; llama-architecture experts use <see cref="FeedForward"/>.</summary>
    public int ExpertFeedForward { get; init; }

    /// <summary>Tokenizer: SentencePiece with byte fallback (llama), or GPT-2-style byte-level BPE (Qwen).</summary>
    public SyntheticTokenizer Tokenizer { get; init; } = SyntheticTokenizer.SentencePiece;

    public float RopeFreqBase { get; init; } = 10000f;

    public float RmsEpsilon { get; init; } = 1e-5f;

    /// <summary>
    /// Write the target quantization directly, tensor by tensor, through ggml's quantizer, instead of an F16 file that
    /// llama.cpp then quantizes: a 30B model's F16 intermediate (about 61 GB) would not fit beside its quantized copy.
    /// </summary>
    public bool DirectWrite { get; init; }

    /// <summary>Per-head dimension; also the architecture's rope.dimension_count and attention.key_length.</summary>
    public int HeadDim => HeadDimension ?? Embd / Heads;

    public bool IsMoe => Experts > 0;

    /// <summary>Width of one expert's FFN.</summary>
    public int ExpertWidth => Architecture == SyntheticArchitecture.Qwen3Moe ? ExpertFeedForward : FeedForward;

    /// <summary>Total weights of the model, embeddings and output included.</summary>
    public long ParameterCount => SyntheticTensorLayout.For(this).Sum(t => t.ElementCount);
}
