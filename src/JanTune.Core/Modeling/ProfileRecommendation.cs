using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>What <see cref="Tuner.Recommend"/> found: the fitted model of the profile, the choice, and the trials behind both.</summary>
/// <param name="ProfileId">The profile recommended for.</param>
/// <param name="Request">The request, with the profile and model it resolved to.</param>
/// <param name="Facts">The model file the recommendation is for.</param>
/// <param name="Model">The performance model fitted on the profile's trials.</param>
/// <param name="Recommendation">The choice, its runner-up and their assessments.</param>
/// <param name="Trials">The profile's trials of that model file.</param>
public sealed record ProfileRecommendation(
    string ProfileId,
    RecommendRequest Request,
    ModelFacts Facts,
    PerfModel Model,
    Recommendation Recommendation,
    IReadOnlyList<TrialResult> Trials);
