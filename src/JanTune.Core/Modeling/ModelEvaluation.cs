using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// The model-quality report of a profile: for every backend and target the fitter would fit, each family's grouped
/// k-fold CV error and the family chosen, computed by the fitter's own code (<see cref="PerfModelFitter.Score"/>,
/// <see cref="PerfModelFitter.Choose"/>), so the figures are those behind <c>recommend</c>.
/// </summary>
public static class ModelEvaluation
{
    /// <summary>Cross-validates every family on every (backend, target) that has measurements; npm trials only, as the fitter.</summary>
    public static IReadOnlyList<TargetEvaluation> CrossValidate(IReadOnlyList<TrialResult> trials, ModelFacts? defaultFacts = null)
    {
        ArgumentNullException.ThrowIfNull(trials);
        trials = [.. trials.Where(r => r.Config.Engine == SweepEngine.Npm)];
        var evaluations = new List<TargetEvaluation>();
        foreach (var backend in trials.Select(r => r.Config.Backend.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal))
        {
            foreach (var target in Enum.GetValues<PerfTarget>())
            {
                var rows = PerfModelFitter.Rows(trials, target, backend, defaultFacts);
                if (rows.Count == 0)
                {
                    continue;
                }

                var scores = PerfModelFitter.Score(target, rows);
                var configurations = rows.Select(r => r.Config.Key).Distinct(StringComparer.Ordinal).Count();
                evaluations.Add(new TargetEvaluation(backend, target, rows.Count, configurations, scores, PerfModelFitter.Choose(scores)));
            }
        }

        return evaluations;
    }
}
