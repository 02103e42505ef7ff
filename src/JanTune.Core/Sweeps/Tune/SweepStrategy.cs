namespace JanTune.Core.Sweeps.Tune;

/// <summary>How a sweep chooses what to measure.</summary>
public enum SweepStrategy
{
    /// <summary>Every combination of the grid.</summary>
    Grid,

    /// <summary>
    /// A space-filling start, then the performance model picks each next configuration (predicted optimum or most
    /// uncertain) until the predicted optimum is measured and confirmed, within 30% of the grid.
    /// </summary>
    Adaptive,
}
