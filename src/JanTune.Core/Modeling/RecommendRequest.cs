namespace JanTune.Core.Modeling;

/// <summary>What to recommend for: the profile and model among the trials, the objective and the limits.</summary>
public sealed record RecommendRequest
{
    /// <summary>Hardware profile id; null = the only profile in the trials.</summary>
    public string? ProfileId { get; init; }

    /// <summary>Model file name; null = the only model in the trials.</summary>
    public string? ModelFile { get; init; }

    public TuningObjective Objective { get; init; } = TuningObjective.Generation;

    public RecommendConstraints Constraints { get; init; } = RecommendConstraints.None;
}
