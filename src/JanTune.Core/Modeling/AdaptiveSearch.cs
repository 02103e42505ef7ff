using JanTune.Core.Sweeps;

namespace JanTune.Core.Modeling;

/// <summary>
/// Finds a near-best configuration without measuring the whole grid: a maximin space-filling start, then, after each
/// refit, measure the predicted optimum if it is unmeasured, else the config with the highest upper confidence bound
/// (prediction + κ·uncertainty, the uncertainty growing with distance from anything measured). Stops when the
/// predicted optimum is measured, agrees with its prediction within the uncertainty, and nothing unmeasured is
/// predicted better than the best measurement by more than the uncertainty, that uncertainty being a cross-validated
/// one (an assumed default never confirms anything), and every grid neighbour of the best measurement (one knob one
/// step away) is measured and no better, which catches what the model's family cannot describe (a thread knee, a
/// cache cliff); or when the trial budget is spent.
/// </summary>
public sealed class AdaptiveSearch(ModelFacts facts, AdaptiveSearchOptions? options = null)
{
    private readonly AdaptiveSearchOptions _options = options ?? new AdaptiveSearchOptions();

    /// <summary>Runs the search; <paramref name="measure"/> runs one config's tests (e.g. pp512 and tg128).</summary>
    public AdaptiveSearchResult Run(IReadOnlyList<TrialConfig> grid, Func<TrialConfig, IReadOnlyList<TrialResult>> measure, TuningObjective objective)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(measure);
        if (objective == TuningObjective.Energy)
        {
            throw new JanTuneException("adaptive search cannot target energy: energy is measured, never predicted", "search for generation speed, then compare joules per token of the measured trials");
        }

        var configs = grid.DistinctBy(c => c.Key).ToList();
        if (configs.Count == 0)
        {
            throw new JanTuneException("adaptive search needs at least one configuration");
        }

        var geometry = new GridGeometry(configs);
        var budget = Math.Max(1, (int)Math.Floor(configs.Count * _options.MaxTrialsFraction));
        var initial = Math.Min(budget, Math.Max(_options.MinInitialTrials, (int)Math.Ceiling(configs.Count * _options.InitialFraction)));
        var spacing = configs.Count > 1 ? configs.Average(c => geometry.NearestDistance(c, configs.Where(o => o.Key != c.Key))) : 1;

        var trials = new List<TrialResult>();
        var measured = new Dictionary<string, double?>(StringComparer.Ordinal);
        void Measure(TrialConfig c)
        {
            var results = measure(c);
            var value = ObjectiveValues.Measured(objective, results);
            if (value is null && results.Any(r => r.Status == TrialStatus.Ok && r.Stats is { IsRankable: false }))
            {
                // Too noisy to rank: measure once more rather than let one disturbed run rule the configuration out.
                results = [.. results, .. measure(c)];
                value = ObjectiveValues.Measured(objective, results);
            }

            trials.AddRange(results);
            measured[c.Key] = value;
        }

        foreach (var c in geometry.MaximinDesign(configs, initial))
        {
            Measure(c);
        }

        IReadOnlyList<TargetModel>? basis = null;
        var model = PerfModelFitter.Fit(trials, _options.ProfileId, facts, learn: false);
        while (true)
        {
            var done = configs.Where(c => measured.ContainsKey(c.Key)).ToList();
            var open = configs.Where(c => !measured.ContainsKey(c.Key)).ToList();
            var bestMeasured = done.Where(c => measured[c.Key] is not null).MaxBy(c => measured[c.Key]!.Value);
            var predicted = configs.ToDictionary(c => c.Key, c => ObjectiveValues.Predicted(objective, model, c, facts) ?? 0, StringComparer.Ordinal);
            var optimum = configs.MaxBy(c => predicted[c.Key])!;
            var u = ObjectiveValues.Uncertainty(objective, model, optimum.Backend);
            var unmeasuredNeighbors = bestMeasured is null ? []
                : geometry.Neighbors(bestMeasured, configs).Where(c => !measured.ContainsKey(c.Key)).ToList();

            if (bestMeasured is not null && measured.TryGetValue(optimum.Key, out var atOptimum) && atOptimum is { } m)
            {
                var agrees = Math.Abs(m - predicted[optimum.Key]) <= u * predicted[optimum.Key];
                var best = measured[bestMeasured.Key]!.Value;
                var nothingBetter = open.All(c => predicted[c.Key] <= best * (1 + u));
                // Only a cross-validated uncertainty can confirm: with the assumed 25% almost anything "agrees".
                var validated = ObjectiveValues.CrossValidated(objective, model, optimum.Backend);
                if (agrees && nothingBetter && validated is not null && unmeasuredNeighbors.Count == 0)
                {
                    basis = validated;
                    break;
                }
            }

            if (open.Count == 0 || done.Count >= budget)
            {
                break;
            }

            var next = !measured.ContainsKey(optimum.Key) ? optimum
                : unmeasuredNeighbors.Count > 0 ? unmeasuredNeighbors.MaxBy(c => predicted[c.Key])!
                : open.MaxBy(c => predicted[c.Key] * (1 + (_options.Kappa * u * (1 + (geometry.NearestDistance(c, done) / spacing)))))!;
            Measure(next);
            model = PerfModelFitter.Fit(trials, _options.ProfileId, facts, learn: false);
        }

        var winner = configs.Where(c => measured.TryGetValue(c.Key, out var v) && v is not null).MaxBy(c => measured[c.Key]!.Value)
            ?? throw new JanTuneException("adaptive search measured nothing usable: every trial failed", "check the failed trials' errors");
        return new AdaptiveSearchResult(winner, measured[winner.Key]!.Value, trials, measured.Count, configs.Count, basis is not null, model)
        {
            Evidence = basis ?? ObjectiveValues.CrossValidated(objective, model, winner.Backend) ?? [],
        };
    }
}
