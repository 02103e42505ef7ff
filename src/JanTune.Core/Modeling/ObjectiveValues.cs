using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>Predicted and measured values of an objective, higher is better (energy is negated).</summary>
internal static class ObjectiveValues
{
    public static double? Predicted(TuningObjective objective, PerfModel model, TrialConfig config, ModelFacts facts) => objective switch
    {
        TuningObjective.Generation => model.Predict(PerfTarget.GenerationTokensPerSecond, config, facts)?.Value,
        TuningObjective.Prompt => model.Predict(PerfTarget.PromptTokensPerSecond, config, facts)?.Value,
        TuningObjective.Balanced => Balanced(
            model.Predict(PerfTarget.PromptTokensPerSecond, config, facts)?.Value,
            model.Predict(PerfTarget.GenerationTokensPerSecond, config, facts)?.Value),
        _ => null,
    };

    /// <summary>Relative uncertainty of the objective's prediction on a backend.</summary>
    public static double Uncertainty(TuningObjective objective, PerfModel model, string backend)
    {
        var gen = model.Find(PerfTarget.GenerationTokensPerSecond, backend)?.RelativeUncertainty ?? 0.25;
        var pp = model.Find(PerfTarget.PromptTokensPerSecond, backend)?.RelativeUncertainty ?? 0.25;
        return objective switch
        {
            TuningObjective.Generation => gen,
            TuningObjective.Prompt => pp,
            _ => (gen + pp) / 2,
        };
    }

    /// <summary>
    /// The fitted models behind the objective's prediction on a backend, when every one of them is cross-validated;
    /// null while any uncertainty is still the assumed default.
    /// </summary>
    public static IReadOnlyList<TargetModel>? CrossValidated(TuningObjective objective, PerfModel model, string backend)
    {
        PerfTarget[] targets = objective switch
        {
            TuningObjective.Generation => [PerfTarget.GenerationTokensPerSecond],
            TuningObjective.Prompt => [PerfTarget.PromptTokensPerSecond],
            _ => [PerfTarget.PromptTokensPerSecond, PerfTarget.GenerationTokensPerSecond],
        };
        var found = targets.Select(t => model.Find(t, backend)).OfType<TargetModel>().Where(t => double.IsFinite(t.CvMape)).ToList();
        return found.Count == targets.Length ? found : null;
    }

    public static double? Measured(TuningObjective objective, IEnumerable<TrialResult> trialsOfConfig)
    {
        var ok = trialsOfConfig.Where(r => r.Status == TrialStatus.Ok).ToList();
        // A trial too noisy to rank has no measured value: the search and recommend fall back to the model for it.
        double? Speed(TestKind kind) => ok.Where(r => r.Test.Kind == kind && r.Stats is { IsRankable: true }).Select(r => (double?)r.Stats!.Mean).FirstOrDefault();
        return objective switch
        {
            TuningObjective.Generation => Speed(TestKind.Generation),
            TuningObjective.Prompt => Speed(TestKind.Prompt),
            TuningObjective.Balanced => Balanced(Speed(TestKind.Prompt), Speed(TestKind.Generation)),
            TuningObjective.Energy => ok.Where(r => r.JoulesPerToken is > 0).Select(r => -(double?)r.JoulesPerToken!.Value).FirstOrDefault(),
            _ => null,
        };
    }

    // Geometric mean: the ranking equals the normalized geometric mean, since normalizing divides every candidate
    // by the same two maxima.
    private static double? Balanced(double? pp, double? tg) => pp is > 0 && tg is > 0 ? Math.Sqrt(pp.Value * tg.Value) : null;
}
