namespace JanTune.Core.Inference;

/// <summary>Wall-clock figures of one generation, filled in as it runs.</summary>
public sealed class GenerationStats
{
    public int PromptTokens { get; internal set; }

    public int GeneratedTokens { get; internal set; }

    /// <summary>Prompt processing time (the prefill decode).</summary>
    public TimeSpan PromptTime { get; internal set; }

    /// <summary>From the start until the first generated token was sampled.</summary>
    public TimeSpan TimeToFirstToken { get; internal set; }

    /// <summary>Time spent generating after the first token.</summary>
    public TimeSpan GenerationTime { get; internal set; }

    public FinishReason? Finish { get; internal set; }

    public double PromptTokensPerSecond => PromptTime > TimeSpan.Zero ? PromptTokens / PromptTime.TotalSeconds : 0;

    /// <summary>Tokens after the first over the time after the first: the steady decode rate.</summary>
    public double GenerationTokensPerSecond => GenerationTime > TimeSpan.Zero && GeneratedTokens > 1 ? (GeneratedTokens - 1) / GenerationTime.TotalSeconds : 0;
}
