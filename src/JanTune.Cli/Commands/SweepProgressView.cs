using System.Globalization;
using JanTune.Core.Sweeps;
using JanTune.Core.Sweeps.Planning;
using JanTune.Core.Sweeps.Running;
using Spectre.Console;

namespace JanTune.Cli.Commands;

/// <summary>
/// Live progress of a sweep: the bar advances by each trial's estimated seconds, so Spectre's remaining-time column is
/// an ETA; the description shows the current configuration, the best so far and the failures.
/// </summary>
internal sealed class SweepProgressView(ProgressTask task, DurationEstimator estimator) : ISweepObserver
{
    private string _best = "none yet";
    private double _bestTps;
    private int _failures;
    private string _current = string.Empty;

    public static async Task<SweepSummary> RunAsync(IAnsiConsole console, SweepPlan plan, SweepOptions options, DurationEstimator estimator, CancellationToken ct)
    {
        SweepSummary? summary = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask("sweep", maxValue: 1);
                var view = new SweepProgressView(task, estimator);
                summary = await new SweepRunner(options, view).RunAsync(plan, ct);
                task.Value = task.MaxValue;
            });
        return summary!;
    }

    public void Planned(IReadOnlyList<PlannedTrial> pending, int alreadyStored)
    {
        task.MaxValue = Math.Max(1, pending.Sum(t => estimator.Estimate(t).TotalSeconds));
        task.Description = $"{pending.Count} trials to run ({alreadyStored} already stored)";
    }

    public void Started(PlannedTrial trial)
    {
        _current = $"{trial.Config.Backend} {SweepView.Describe(trial.Config)} {trial.Test.Name}";
        Update();
    }

    public void Finished(PlannedTrial trial, TrialResult result)
    {
        task.Increment(estimator.Estimate(trial).TotalSeconds);
        if (result.Status == TrialStatus.Failed)
        {
            _failures++;
        }
        else if (result.Stats is { } s && s.Mean > _bestTps && trial.Test.Kind == TestKind.Generation)
        {
            _bestTps = s.Mean;
            _best = string.Create(CultureInfo.InvariantCulture, $"{s.Mean:F1} t/s {trial.Test.Name} ({trial.Config.Backend} t {trial.Config.Threads} ngl {trial.Config.GpuLayers} repack {(trial.Config.WeightRepack ? "on" : "off")})");
        }

        Update();
    }

    public void Skipped(PlannedTrial trial, string reason) => task.Increment(estimator.Estimate(trial).TotalSeconds);

    public void Log(string line)
    {
    }

    private void Update() =>
        task.Description = Markup.Escape(_current) + Environment.NewLine + $"  best generation: {Markup.Escape(_best)} | failures: {_failures}";
}
