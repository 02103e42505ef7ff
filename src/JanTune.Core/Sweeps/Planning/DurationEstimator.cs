using JanTune.Core.Storage;

namespace JanTune.Core.Sweeps.Planning;

/// <summary>
/// Rough trial durations for --dry-run and the progress ETA: from earlier results of the same configuration on this
/// profile when there are any, else from a guess (CPU generation is memory-bound: about 10 GB/s × √threads over the
/// file size; prompt processing about 3.5× that). Good to a factor of two, which is all an ETA needs.
/// </summary>
public sealed class DurationEstimator(IReadOnlyList<TrialResult> history, int repetitions, int warmup)
{
    private readonly Dictionary<string, double> _measured = history
        .Where(r => r.Status == TrialStatus.Ok && r.Stats is not null)
        .GroupBy(r => ResultsStore.StoreKey(r.Config) + "|" + r.Test.Name)
        .ToDictionary(g => g.Key, g => g.Last().Stats!.Mean);

    /// <summary>Seconds to generate and quantize a missing synthetic model.</summary>
    public static TimeSpan ModelGeneration(ResolvedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.Preset is null || File.Exists(model.Path) ? TimeSpan.Zero
            : TimeSpan.FromSeconds((model.Preset.ParameterCount * 2 / 150e6) + (model.Preset.ParameterCount / 60e6));
    }

    public TimeSpan Estimate(PlannedTrial trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        var test = trial.Test;
        var tps = TokensPerSecond(trial);
        var pp = test.Kind == TestKind.Prompt ? tps : tps * 3.5;
        var perRep = test.Tokens / tps;
        var warm = test.Kind == TestKind.Prompt ? perRep : Math.Min(test.Tokens, TrialMeasurer.GenerationWarmupTokens) / tps;
        var depth = test.Depth / pp * (repetitions + warmup);
        return TimeSpan.FromSeconds((repetitions * perRep) + (warmup * warm) + depth + 0.5);
    }

    private double TokensPerSecond(PlannedTrial trial)
    {
        if (_measured.TryGetValue(ResultsStore.StoreKey(trial.Config) + "|" + trial.Test.Name, out var mean) && mean > 0)
        {
            return mean;
        }

        var c = trial.Config;
        var tg = 10e9 * Math.Sqrt(c.Threads) / Math.Max(1, trial.Model.FileBytes);
        tg *= c.WeightRepack ? 1 : 0.8;
        tg *= 1 + (10.0 * c.GpuLayers / (trial.Model.Layers + 1));
        var tps = trial.Test.Kind == TestKind.Prompt ? tg * 3.5 * (c.WeightRepack ? 1 : 0.6 / 0.8) : tg;
        return Math.Max(0.1, tps);
    }
}
