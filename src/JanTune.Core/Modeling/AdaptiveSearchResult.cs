using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>What an <see cref="AdaptiveSearch"/> measured and concluded.</summary>
/// <param name="Best">The best measured configuration for the objective.</param>
/// <param name="BestMeasured">Its measured objective value (tokens/s; for balanced, √(pp·tg)).</param>
/// <param name="Trials">Every trial measured, in order.</param>
/// <param name="ConfigsMeasured">Distinct configurations measured.</param>
/// <param name="GridSize">Configurations in the grid.</param>
/// <param name="Confirmed">True when the model's predicted optimum was measured and confirmed; false when the budget ran out first.</param>
/// <param name="Model">The model fitted on all trials.</param>
public sealed record AdaptiveSearchResult(
    TrialConfig Best,
    double BestMeasured,
    IReadOnlyList<TrialResult> Trials,
    int ConfigsMeasured,
    int GridSize,
    bool Confirmed,
    PerfModel Model);
