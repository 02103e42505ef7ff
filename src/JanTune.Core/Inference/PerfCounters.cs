namespace JanTune.Core.Inference;

/// <summary>llama.cpp's own timings (llama_perf_context): the reference our measurements are checked against.</summary>
public sealed record PerfCounters(double LoadMs, double PromptMs, double EvalMs, int PromptTokens, int EvalTokens, int GraphReuses)
{
    public double PromptTokensPerSecond => PromptMs > 0 ? PromptTokens * 1000.0 / PromptMs : 0;

    public double EvalTokensPerSecond => EvalMs > 0 ? EvalTokens * 1000.0 / EvalMs : 0;
}
