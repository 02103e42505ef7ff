namespace JanTune.Core.Models;

/// <summary>The synthetic model shapes JanTune can generate.</summary>
/// <remarks>
/// Real-size shapes follow the published configs (config.json on the model's hub page) as the pinned llama.cpp reads
/// them: Qwen3-8B (36 layers, hidden 4096, intermediate 12288, 32 heads, 8 KV heads, head_dim 128, vocab 151936,
/// 40960 positions, rope theta 1e6, rms eps 1e-6, untied output); Qwen3-30B-A3B (48 layers, hidden 2048, 32 heads,
/// 4 KV heads, head_dim 128, 128 experts, 8 per token, moe_intermediate 768, intermediate 6144, vocab 151936);
/// Mixtral-8x7B (32 layers, hidden 4096, intermediate 14336 per expert, 32 heads, 8 KV heads, 8 experts, 2 per token,
/// vocab 32000, 32768 positions, rope theta 1e6).
/// </remarks>
public static class SyntheticPresets
{
    /// <summary>A few MB; for tests. Dimensions are multiples of 256 so K-quants work.</summary>
    public static SyntheticPreset Tiny { get; } = new("tiny", 2, 256, 768, 4, 2, 1024, 2048);

    /// <summary>About 134M weights: 12 layers of 768, GQA with 4 KV heads.</summary>
    public static SyntheticPreset Small { get; } = new("125m", 12, 768, 2048, 12, 4, 32000, 2048);

    /// <summary>TinyLlama-1.1B's shape.</summary>
    public static SyntheticPreset TinyLlama { get; } = new("1b", 22, 2048, 5632, 32, 4, 32000, 2048);

    /// <summary>Llama-2-7B's shape.</summary>
    public static SyntheticPreset Llama2_7B { get; } = new("7b", 32, 4096, 11008, 32, 32, 32000, 4096);

    /// <summary>Qwen3 dense in miniature: q/k norms, a 128-wide head (q is 512 wide on a 256 embedding), byte-level BPE.</summary>
    public static SyntheticPreset TinyQwen3 { get; } = new("tiny-qwen3", 2, 256, 768, 4, 2, 2048, 4096)
    {
        Architecture = SyntheticArchitecture.Qwen3, HeadDimension = 128, Tokenizer = SyntheticTokenizer.BytePairQwen,
        RopeFreqBase = 1e6f, RmsEpsilon = 1e-6f,
    };

    /// <summary>Qwen3-8B's shape.</summary>
    public static SyntheticPreset Qwen3_8B { get; } = new("qwen3-8b", 36, 4096, 12288, 32, 8, 151936, 40960)
    {
        Architecture = SyntheticArchitecture.Qwen3, HeadDimension = 128, Tokenizer = SyntheticTokenizer.BytePairQwen,
        RopeFreqBase = 1e6f, RmsEpsilon = 1e-6f, DirectWrite = true,
    };

    /// <summary>Qwen3-30B-A3B in miniature: 128 experts, 8 per token, experts about 90% of each layer's bytes; 4 layers.</summary>
    public static SyntheticPreset TinyQwen3Moe { get; } = new("tiny-qwen3moe", 4, 256, 768, 4, 2, 2048, 4096)
    {
        Architecture = SyntheticArchitecture.Qwen3Moe, HeadDimension = 128, Tokenizer = SyntheticTokenizer.BytePairQwen,
        Experts = 128, ExpertsUsed = 8, ExpertFeedForward = 32, RopeFreqBase = 1e6f, RmsEpsilon = 1e-6f,
    };

    /// <summary>Qwen3-30B-A3B's shape: 30.5B weights, 3.3B active per token.</summary>
    public static SyntheticPreset Qwen3_30B_A3B { get; } = new("qwen3-30b-a3b", 48, 2048, 6144, 32, 4, 151936, 40960)
    {
        Architecture = SyntheticArchitecture.Qwen3Moe, HeadDimension = 128, Tokenizer = SyntheticTokenizer.BytePairQwen,
        Experts = 128, ExpertsUsed = 8, ExpertFeedForward = 768, RopeFreqBase = 1e6f, RmsEpsilon = 1e-6f, DirectWrite = true,
    };

    /// <summary>Mixtral in miniature: llama architecture, 8 experts, top-2.</summary>
    public static SyntheticPreset TinyMixtral { get; } = new("tiny-mixtral", 4, 256, 256, 8, 2, 1024, 4096)
    {
        Experts = 8, ExpertsUsed = 2, RopeFreqBase = 1e6f,
    };

    /// <summary>Mixtral-8x7B's shape: 46.7B weights, 12.9B active per token.</summary>
    public static SyntheticPreset Mixtral_8x7B { get; } = new("mixtral-8x7b", 32, 4096, 14336, 32, 8, 32000, 32768)
    {
        Experts = 8, ExpertsUsed = 2, RopeFreqBase = 1e6f, DirectWrite = true,
    };

    public static IReadOnlyList<SyntheticPreset> All { get; } =
        [Tiny, Small, TinyLlama, Llama2_7B, TinyQwen3, Qwen3_8B, TinyQwen3Moe, Qwen3_30B_A3B, TinyMixtral, Mixtral_8x7B];

    /// <summary>The preset with this name (case-insensitive).</summary>
    /// <exception cref="JanTuneException">No preset has that name; the message lists the valid ones.</exception>
    public static SyntheticPreset Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new JanTuneException(
                $"Unknown synthetic model preset '{name}'.",
                $"use one of: {string.Join(", ", All.Select(p => p.Name))}");
    }
}
