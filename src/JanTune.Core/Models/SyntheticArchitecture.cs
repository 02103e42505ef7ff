namespace JanTune.Core.Models;

/// <summary>
/// The llama.cpp architectures the synthesizer writes. Each maps to one <c>general.architecture</c> string of the pinned
/// llama.cpp (src/llama-arch.cpp: LLM_ARCH_LLAMA "llama", LLM_ARCH_QWEN3 "qwen3", LLM_ARCH_QWEN3MOE "qwen3moe").
/// </summary>
public enum SyntheticArchitecture
{
    /// <summary>Llama (and, with experts, Mixtral: llama.cpp loads Mixtral as llama with expert tensors).</summary>
    Llama,

    /// <summary>Qwen3 dense: per-head q/k RMS norms, a head dimension independent of the embedding.</summary>
    Qwen3,

    /// <summary>Qwen3 mixture of experts: every layer's FFN is routed experts (no shared expert).</summary>
    Qwen3Moe,
}

/// <summary>llama.cpp's spelling of <see cref="SyntheticArchitecture"/>.</summary>
public static class SyntheticArchitectures
{
    /// <summary>The general.architecture value, also the prefix of the architecture's metadata keys.</summary>
    public static string GgufName(this SyntheticArchitecture architecture) => architecture switch
    {
        SyntheticArchitecture.Llama => "llama",
        SyntheticArchitecture.Qwen3 => "qwen3",
        SyntheticArchitecture.Qwen3Moe => "qwen3moe",
        _ => throw new ArgumentOutOfRangeException(nameof(architecture), architecture, null),
    };
}
