using JanTune.Core.Modeling;
using JanTune.Core.Models;
using JanTune.Core.Storage;
using JanTune.Core.Sweeps.Planning;

namespace JanTune.Core.Sweeps.Running;

/// <summary>
/// `strategy: adaptive`: for each model file of the plan, <see cref="AdaptiveSearch"/> chooses which configurations
/// to measure, and each choice runs through the ordinary <see cref="SweepRunner"/>, so every measured trial is isolated
/// in a worker, persisted at once and reused on resume exactly as in a grid sweep.
/// </summary>
public sealed class AdaptiveSweep(SweepOptions options, ISweepObserver? observer = null)
{
    /// <summary>Runs one search per model; returns each search's outcome and everything measured.</summary>
    public async Task<AdaptiveSweepSummary> RunAsync(SweepPlan plan, TuningObjective objective, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var runner = new SweepRunner(options, observer);
        var searches = new List<AdaptiveSearchResult>();
        var results = new List<TrialResult>();
        var skipped = new List<(PlannedTrial Trial, string Reason)>();
        var stored = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();

        // The runtimes' default configurations are measured as they are, not searched around: they are what the
        // search's result is compared with.
        if (plan.Trials.Where(t => t.Baselines.Count > 0).ToList() is { Count: > 0 } baselines)
        {
            var summary = await runner.RunAsync(plan with { Trials = baselines, TimeBudget = null }, cancellationToken);
            results.AddRange(summary.Results);
            skipped.AddRange(summary.Skipped);
            stored += summary.AlreadyStored;
        }

        foreach (var model in plan.Trials.Where(t => t.Baselines.Count == 0).GroupBy(t => t.Model.Path))
        {
            var trials = model.ToList();
            var first = trials[0].Model;
            if (first.Preset is not null && !File.Exists(first.Path))
            {
                new ModelStore(options.Paths).Ensure(first.Preset, first.Quantization!.Value, log: observer is null ? null : observer.Log);
            }

            var grid = trials.Select(t => t.Config).DistinctBy(c => c.Key).ToList();
            IReadOnlyList<TrialResult> Measure(TrialConfig config)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var one = plan with { Trials = trials.Where(t => t.Config.Key == config.Key).ToList(), TimeBudget = null };
                var summary = runner.RunAsync(one, cancellationToken).GetAwaiter().GetResult();
                results.AddRange(summary.Results);
                skipped.AddRange(summary.Skipped);
                stored += summary.AlreadyStored;
                return summary.AlreadyStored == 0 ? summary.Results : StoredFor(config, one);
            }

            var search = new AdaptiveSearch(SweepRunner.Facts(first.Path), new AdaptiveSearchOptions { ProfileId = options.ProfileId });
            searches.Add(await Task.Run(() => search.Run(grid, Measure, objective), cancellationToken));
        }

        return new AdaptiveSweepSummary(searches, new SweepSummary(results, skipped, stored, false, clock.Elapsed));
    }

    /// <summary>On resume the runner measures nothing new for a configuration; its stored trials answer instead.</summary>
    private IReadOnlyList<TrialResult> StoredFor(TrialConfig config, SweepPlan one)
    {
        using var store = options.DatabasePath is null ? ResultsStore.Open(options.Paths) : new ResultsStore(options.DatabasePath);
        var tests = one.Trials.Select(t => t.Test).ToHashSet();
        return store.Load(options.ProfileId).Where(r => r.Config.Key == config.Key && r.Baselines.Count == 0 && tests.Contains(r.Test)).ToList();
    }
}
