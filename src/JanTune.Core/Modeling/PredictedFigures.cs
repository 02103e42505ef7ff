namespace JanTune.Core.Modeling;

/// <summary>What the performance model predicts for a configuration, as recommended.json keeps it.</summary>
/// <param name="Generation">tg128 tokens/s ± uncertainty, or null without a model for it.</param>
/// <param name="Prompt">pp512 tokens/s.</param>
/// <param name="TimeToFirstToken">Time to first token of a 512-token prompt, ms.</param>
/// <param name="RamBytes">RAM: the measured peak of a configuration that was run, else the prediction's upper bound.</param>
/// <param name="VramBytes">Same for device memory.</param>
public sealed record PredictedFigures(PerfPrediction? Generation, PerfPrediction? Prompt, PerfPrediction? TimeToFirstToken, long RamBytes, long VramBytes)
{
    public static PredictedFigures Of(CandidateAssessment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Generation, a.Prompt, a.TimeToFirstToken, a.RamBytes, a.VramBytes);
    }
}
