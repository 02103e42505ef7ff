using JanTune.Core.Sweeps;
using MathNet.Numerics.Statistics;

namespace JanTune.Core.Modeling;

/// <summary>
/// Extrapolation checks: train every model family on one region of the measured space and score it on another it
/// never saw. Cross-validation only interpolates (a held-out configuration has measured neighbours on every side);
/// a tuner is asked to extrapolate too, e.g. from a few cheap partial-offload trials to full offload.
/// </summary>
public static class Extrapolation
{
    /// <summary>
    /// Trained on the GPU trials with at most half the repeating layers offloaded, predicting full offload (every
    /// repeating layer and the output layer), per backend and target.
    /// </summary>
    public static IReadOnlyList<ExtrapolationError> HalfToFullOffload(IReadOnlyList<TrialResult> trials) =>
        Run(
            trials.Where(t => !WeightPlacement.IsCpuBackend(t.Config.Backend)).ToList(),
            (t, facts) => WeightPlacement.Offload(t.Config, facts).Layers * 2 <= facts.Layers,
            (t, facts) => WeightPlacement.Offload(t.Config, facts) is { Output: true } o && o.Layers == facts.Layers);

    /// <summary>Trained on the trials of one model file, predicting those of another (e.g. the 1b for the 7b).</summary>
    public static IReadOnlyList<ExtrapolationError> ModelToModel(IReadOnlyList<TrialResult> trials, string trainModel, string testModel) =>
        Run(trials, (_, facts) => facts.FileName == trainModel, (_, facts) => facts.FileName == testModel);

    /// <summary>
    /// Trained on the trials <paramref name="train"/> accepts, predicting those <paramref name="test"/> accepts (by
    /// default every other trial), e.g. <c>ngl&lt;=half,model=1b</c> to everything else.
    /// </summary>
    public static IReadOnlyList<ExtrapolationError> Filtered(IReadOnlyList<TrialResult> trials, TrialFilter train, TrialFilter? test = null, int minTrainConfigs = PerfModelFitter.MinCrossValidationConfigs)
    {
        ArgumentNullException.ThrowIfNull(train);
        return Run(trials, (t, f) => train.Matches(t.Config, f), (t, f) => test?.Matches(t.Config, f) ?? true, minTrainConfigs);
    }

    /// <summary>
    /// Trains each family on the trials <paramref name="train"/> accepts and scores it on those <paramref name="test"/>
    /// accepts (never on a trial it trained on), through the fitter's own <see cref="PerfModelFitter.TrainFamily"/>.
    /// Only npm trials count, as in the fitter. A backend and target with fewer than <paramref name="minTrainConfigs"/>
    /// training configurations (by default <see cref="PerfModelFitter.MinCrossValidationConfigs"/>), or none to
    /// predict, is left out.
    /// </summary>
    public static IReadOnlyList<ExtrapolationError> Run(IReadOnlyList<TrialResult> trials, Func<TrialResult, ModelFacts, bool> train, Func<TrialResult, ModelFacts, bool> test, int minTrainConfigs = PerfModelFitter.MinCrossValidationConfigs)
    {
        ArgumentNullException.ThrowIfNull(trials);
        trials = [.. trials.Where(t => t.Config.Engine == SweepEngine.Npm)];
        var errors = new List<ExtrapolationError>();
        foreach (var backend in trials.Select(r => r.Config.Backend.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal))
        {
            var mine = trials.Where(t => t.Model is not null && string.Equals(t.Config.Backend, backend, StringComparison.OrdinalIgnoreCase)).ToList();
            var trainSet = mine.Where(t => train(t, t.Model!)).ToList();
            var testSet = mine.Where(t => test(t, t.Model!) && !train(t, t.Model!)).ToList();
            foreach (var target in Enum.GetValues<PerfTarget>())
            {
                var trainRows = PerfModelFitter.Rows(trainSet, target, backend, null);
                var testRows = PerfModelFitter.Rows(testSet, target, backend, null);
                var trainConfigs = trainRows.Select(r => r.Config.Key).Distinct(StringComparer.Ordinal).Count();
                if (trainConfigs < Math.Max(1, minTrainConfigs) || testRows.Count == 0)
                {
                    continue;
                }

                var heldOut = testRows.GroupBy(r => r.Config.Key, StringComparer.Ordinal).ToList();
                foreach (var family in Enum.GetValues<ModelFamily>())
                {
                    var predict = PerfModelFitter.TrainFamily(target, family, trainRows);
                    var configurations = heldOut.Select(g => new HeldOutConfiguration(
                        g.First().Config,
                        g.First().Facts.FileName,
                        g.Count(),
                        g.Select(r => PerfBasis.FromResponse(target, r.Y, r.Test)).Mean(),
                        g.Select(r => PerfBasis.FromResponse(target, predict(r), r.Test)).Mean(),
                        g.Select(r => PerfModelFitter.RelativeError(target, r, predict(r))).Mean())).ToList();
                    errors.Add(new ExtrapolationError(backend, target, family, trainConfigs, heldOut.Count, testRows.Select(r => PerfModelFitter.RelativeError(target, r, predict(r))).Mean())
                    {
                        Configurations = configurations,
                        TrainRows = trainRows.Count,
                    });
                }
            }
        }

        return errors;
    }
}
