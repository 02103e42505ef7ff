using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>One candidate as the recommender saw it: predictions (± uncertainty), memory bounds and the score.</summary>
/// <param name="Config">The candidate.</param>
/// <param name="Generation">Predicted tg128 tokens/s, or null without a model for it.</param>
/// <param name="Prompt">Predicted pp512 tokens/s.</param>
/// <param name="TimeToFirstToken">Predicted time to first token of a 512-token prompt, ms.</param>
/// <param name="RamBytes">RAM checked against the limit: the measured peak of a configuration that was run, else the
/// prediction's upper bound (prediction + uncertainty).</param>
/// <param name="VramBytes">Same for device memory.</param>
/// <param name="JoulesPerToken">Measured energy per generated token, when a meter existed.</param>
/// <param name="Score">The objective, higher is better.</param>
public sealed record CandidateAssessment(
    TrialConfig Config,
    PerfPrediction? Generation,
    PerfPrediction? Prompt,
    PerfPrediction? TimeToFirstToken,
    long RamBytes,
    long VramBytes,
    double? JoulesPerToken,
    double Score)
{
    /// <summary>Whether <see cref="RamBytes"/> is a measured peak, not a predicted bound.</summary>
    public bool RamMeasured { get; init; }

    /// <summary>Whether <see cref="VramBytes"/> is a measured peak (NVML), not a predicted bound.</summary>
    public bool VramMeasured { get; init; }
}
