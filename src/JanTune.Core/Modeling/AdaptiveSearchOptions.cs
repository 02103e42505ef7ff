namespace JanTune.Core.Modeling;

/// <summary>Budget and behaviour of an <see cref="AdaptiveSearch"/>.</summary>
public sealed record AdaptiveSearchOptions
{
    /// <summary>Share of the grid measured up front by the space-filling design (at least <see cref="MinInitialTrials"/>).</summary>
    public double InitialFraction { get; init; } = 0.10;

    public int MinInitialTrials { get; init; } = 4;

    /// <summary>Most trials as a share of the grid.</summary>
    public double MaxTrialsFraction { get; init; } = 0.30;

    /// <summary>Upper-confidence-bound weight: how many uncertainties an unmeasured config may be credited.</summary>
    public double Kappa { get; init; } = 1.0;

    public string ProfileId { get; init; } = "search";
}
