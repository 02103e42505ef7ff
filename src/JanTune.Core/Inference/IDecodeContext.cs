namespace JanTune.Core.Inference;

/// <summary>
/// What a llama-bench style measurement needs of a llama.cpp context, whichever binding holds it: JanTune's own
/// <see cref="LlamaContext"/>, or LLamaSharp's context in the llamasharp engine's worker. The measurement scheme
/// (<see cref="Sweeps.TrialMeasurer"/>) is written once against it, so both engines are measured the same way.
/// </summary>
public interface IDecodeContext
{
    /// <summary>n_ctx: positions the context holds.</summary>
    int ContextSize { get; }

    /// <summary>Empties the KV cache (llama_memory_clear).</summary>
    void ClearMemory();

    /// <summary>Decodes <paramref name="tokens"/> as the next positions of sequence 0, in n_batch chunks; logits for the last one only.</summary>
    void DecodeTokens(ReadOnlySpan<int> tokens);

    /// <summary>Waits for the backend to finish (llama_synchronize): llama.cpp's counters settle only here.</summary>
    void Synchronize();

    /// <summary>The logits of the last decoded token with logits (index -1), or of batch position <paramref name="index"/>.</summary>
    ReadOnlySpan<float> Logits(int index = -1);

    /// <summary>llama_perf_context_reset, after synchronizing.</summary>
    void ResetPerf();

    /// <summary>llama_perf_context, after synchronizing.</summary>
    PerfCounters ReadPerf();
}
