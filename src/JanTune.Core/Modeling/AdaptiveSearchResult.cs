using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>What an <see cref="AdaptiveSearch"/> measured and concluded.</summary>
/// <param name="Best">The best measured configuration for the objective.</param>
/// <param name="BestMeasured">Its measured objective value (tokens/s; for balanced, √(pp·tg)).</param>
/// <param name="Trials">Every trial measured, in order.</param>
/// <param name="ConfigsMeasured">Distinct configurations measured.</param>
/// <param name="GridSize">Configurations in the grid.</param>
/// <param name="Confirmed">
/// True when the model's predicted optimum was measured and agreed with a cross-validated prediction; false when the
/// budget ran out first, or the model never had enough configurations for k-fold cross-validation.
/// </param>
/// <param name="Model">The model fitted on all trials.</param>
public sealed record AdaptiveSearchResult(
    TrialConfig Best,
    double BestMeasured,
    IReadOnlyList<TrialResult> Trials,
    int ConfigsMeasured,
    int GridSize,
    bool Confirmed,
    PerfModel Model)
{
    /// <summary>
    /// The cross-validated target models the claim rests on (their trial counts, folds and CV error); empty when the
    /// final model could not be cross-validated.
    /// </summary>
    public IReadOnlyList<TargetModel> Evidence { get; init; } = [];

    /// <summary>One line: whether the optimum is confirmed, and on how many trials and folds the claim rests.</summary>
    public string Claim()
    {
        var evidence = Evidence.Count == 0
            ? $"no cross-validated model (needs trials of at least {PerfModelFitter.MinCrossValidationConfigs} configurations)"
            : string.Join(", ", Evidence.Select(t => string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"{t.Target} CV error {t.CvMape:P1} over {t.Samples} trials ({t.Folds}-fold)")));
        return (Confirmed ? "optimum confirmed: " : "optimum not confirmed (trial budget spent first): ") + evidence;
    }
}
